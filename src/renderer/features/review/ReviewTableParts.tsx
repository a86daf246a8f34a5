import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { layerColor } from './review-rows';

/** A review table's column heads for the layers (swatch, name, the number key that accepts its version), then gold's. */
export function LayerColumnHeads({ layers }: { layers: string[] }) {
  const { t } = useTranslation();
  return (
    <>
      {layers.map((layer, i) => (
        <th scope="col" key={layer}>
          <span className="layer-swatch" style={{ background: layerColor(layers, layer) }} aria-hidden="true" />
          {layer} <kbd aria-hidden="true">{i < 9 ? i + 1 : ''}</kbd>
        </th>
      ))}
      <th scope="col">
        <span className="layer-swatch" style={{ background: layerColor(layers, 'gold') }} aria-hidden="true" />
        {t('curation.colGold')}
      </th>
    </>
  );
}

/** A layer's cell in a review row: its versions (`children`), Accept (copies them into gold) unless gold is read-only, or "none". */
export function VersionCell({ count, acceptLabel, onAccept, readOnly, children }: { count: number; acceptLabel: string; onAccept: () => void; readOnly: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <td className="review-version">
      {children}
      {count > 0 && !readOnly && (
        <button type="button" className="button-quiet button-small" aria-label={acceptLabel} onClick={onAccept}>
          {t('curation.accept')}
        </button>
      )}
      {!count && <span className="hint">{t('curation.none')}</span>}
    </td>
  );
}

/**
 * Gold's cell in a review row: each gold item (`chip`) with a choice of its label or type
 * and Remove, unless gold is read-only; or "none". `value` may name a choice no longer in
 * `choices` (a type deleted since): it stays shown as its id.
 */
export function GoldCell<T extends { id: string }>({ items, readOnly, chip, value, choices, choiceLabel, onChoose, removeLabel, onRemove }: {
  items: readonly T[];
  readOnly: boolean;
  chip: (item: T) => ReactNode;
  value: (item: T) => string;
  choices: readonly { id: string; name: string }[];
  choiceLabel: (item: T) => string;
  onChoose: (item: T, choice: string) => void;
  removeLabel: (item: T) => string;
  onRemove: (item: T) => void;
}) {
  const { t } = useTranslation();
  return (
    <td className="review-version review-gold">
      {items.map((item) => (
        <span key={item.id} className="gold-item">
          {chip(item)}
          <select disabled={readOnly} aria-label={choiceLabel(item)} value={value(item)} onChange={(event) => onChoose(item, event.target.value)}>
            {choices.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
            {!choices.some((c) => c.id === value(item)) && <option value={value(item)}>{value(item)}</option>}
          </select>
          {!readOnly && (
            <button type="button" className="button-quiet button-small" aria-label={removeLabel(item)} onClick={() => onRemove(item)}>
              {t('curation.remove')}
            </button>
          )}
        </span>
      ))}
      {!items.length && <span className="hint">{t('curation.none')}</span>}
    </td>
  );
}
