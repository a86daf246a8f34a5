import { useTranslation } from 'react-i18next';
import type { CSSProperties } from 'react';
import type { Label } from '../../../shared/model';

interface Props {
  label: Label;
  index: number;
  count: number;
  onChange(label: Label): void;
  onMove(by: -1 | 1): void;
  onDelete(): void;
}

/** One label: its hotkey, colour and name, moved up or down with buttons. */
export function LabelRow({ label, index, count, onChange, onMove, onDelete }: Props) {
  const { t } = useTranslation();
  const name = label.name || label.id;
  return (
    <li className="label-row" style={{ '--label': label.color } as CSSProperties}>
      <kbd className="label-key" title={index < 9 ? t('labelSet.key', { key: index + 1 }) : t('labelSet.noKey')}>
        {index < 9 ? index + 1 : '–'}
      </kbd>
      <span className="label-tag">{label.id}</span>
      <input type="color" aria-label={t('labelSet.colourOf', { name })} value={label.color} onChange={(e) => onChange({ ...label, color: e.target.value })} />
      <input aria-label={t('labelSet.nameOf', { id: label.id })} value={label.name} maxLength={60} onChange={(e) => onChange({ ...label, name: e.target.value })} />
      <button type="button" className="button-quiet" aria-label={t('labelSet.up', { name })} disabled={index === 0} onClick={() => onMove(-1)}>
        ↑
      </button>
      <button type="button" className="button-quiet" aria-label={t('labelSet.down', { name })} disabled={index === count - 1} onClick={() => onMove(1)}>
        ↓
      </button>
      <button type="button" className="button-quiet" aria-label={t('labelSet.deleteOne', { name })} onClick={onDelete}>
        {t('common.delete')}
      </button>
    </li>
  );
}
