import type { HighlightColor } from '../../../shared/model';
import { useAppStore } from '../../store';
import { colorChoices } from './colors';

interface Props {
  current?: HighlightColor;
  onPick(color: HighlightColor): void;
  /** the verb in each button's name, e.g. "Highlight" → "Highlight yellow (Important)" */
  verb: string;
}

/** One button per colour, named by colour and meaning; mousedown keeps the text selection. */
export function ColorSwatches({ current, onPick, verb }: Props) {
  const meanings = useAppStore((s) => s.colorMeanings);
  return (
    <div className="swatches">
      {colorChoices(meanings).map(({ color, title, meaning }) => (
        <button
          key={color}
          type="button"
          className={`swatch swatch-${color}`}
          aria-label={`${verb} ${title.toLowerCase()} (${meaning})`}
          aria-pressed={current ? current === color : undefined}
          title={`${title}: ${meaning}`}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => onPick(color)}
        />
      ))}
    </div>
  );
}
