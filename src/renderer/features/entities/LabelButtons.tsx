import { useTranslation } from 'react-i18next';
import type { CSSProperties } from 'react';
import { useAppStore } from '../../store';
import { displayName } from './label-keys';

interface Props {
  /** each button's name: "Tag as Organisation (2)" or "Relabel as Organisation (2)" */
  action: 'tag' | 'relabel';
  current?: string;
  onPick(labelId: string): void;
}

/** One button per label with its hotkey; mousedown keeps the text selection. */
export function LabelButtons({ action, current, onPick }: Props) {
  const { t } = useTranslation();
  const labels = useAppStore((s) => s.labels);
  return (
    <div className="label-buttons" role="group" aria-label={t('labels.group')}>
      {labels.map((label, i) => {
        const name = displayName(label);
        const key = i + 1;
        return (
        <button
          key={label.id}
          type="button"
          className="label-button"
          style={{ '--label': label.color } as CSSProperties}
          aria-label={t(`labels.${action === 'tag' ? 'tagAs' : 'relabelAs'}${i < 9 ? 'Key' : ''}`, { name, key })}
          aria-pressed={current ? current === label.id : undefined}
          title={t(i < 9 ? 'labels.titleKey' : 'labels.title', { name, id: label.id, key })}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => onPick(label.id)}
        >
          {i < 9 && <kbd aria-hidden="true">{i + 1}</kbd>}
          {label.id}
        </button>
        );
      })}
    </div>
  );
}
