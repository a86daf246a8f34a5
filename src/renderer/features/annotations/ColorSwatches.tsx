import { useTranslation } from 'react-i18next';
import type { HighlightColor } from '../../../shared/model';
import { useAppStore } from '../../store';
import { colorChoices } from './colors';

interface Props {
  current?: HighlightColor;
  onPick(color: HighlightColor): void;
  /** each button's name: highlight.swatch "Highlight yellow (Important)" or highlight.recolour */
  action: 'swatch' | 'recolour';
}

/** One button per colour, named by colour and meaning; mousedown keeps the text selection. */
export function ColorSwatches({ current, onPick, action }: Props) {
  const { t } = useTranslation();
  const meanings = useAppStore((s) => s.colorMeanings);
  return (
    <div className="swatches">
      {colorChoices(meanings).map(({ color, title, meaning }) => (
        <button
          key={color}
          type="button"
          className={`swatch swatch-${color}`}
          aria-label={t(`highlight.${action}`, { colour: title.toLowerCase(), meaning })}
          aria-pressed={current ? current === color : undefined}
          title={t('highlight.swatchTitle', { colour: title, meaning })}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => onPick(color)}
        />
      ))}
    </div>
  );
}
