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
