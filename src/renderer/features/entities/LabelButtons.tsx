import type { CSSProperties } from 'react';
import { useAppStore } from '../../store';

interface Props {
  /** the verb in each button's name, e.g. "Tag as" → "Tag as Organisation (2)" */
  verb: string;
  current?: string;
  onPick(labelId: string): void;
}

/** One button per label with its hotkey; mousedown keeps the text selection. */
export function LabelButtons({ verb, current, onPick }: Props) {
  const labels = useAppStore((s) => s.labels);
  return (
    <div className="label-buttons" role="group" aria-label="Labels">
      {labels.map((label, i) => (
        <button
          key={label.id}
          type="button"
          className="label-button"
          style={{ '--label': label.color } as CSSProperties}
          aria-label={`${verb} ${label.name}${i < 9 ? ` (${i + 1})` : ''}`}
          aria-pressed={current ? current === label.id : undefined}
          title={`${label.name} (${label.id})${i < 9 ? ` — key ${i + 1}` : ''}`}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => onPick(label.id)}
        >
          {i < 9 && <kbd aria-hidden="true">{i + 1}</kbd>}
          {label.id}
        </button>
      ))}
    </div>
  );
}
