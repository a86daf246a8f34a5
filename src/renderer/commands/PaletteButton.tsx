import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store';
import { formatCombo } from './keys';
import { bindingsOf } from './registry';
import { appCommands } from './app-commands';

const palette = appCommands.find((c) => c.id === 'app.palette')!;

/** The palette from a toolbar, for those who reach for the mouse first; shows its current shortcut. */
export function PaletteButton() {
  const { t } = useTranslation();
  const setOverlay = useAppStore((s) => s.setOverlay);
  const combo = bindingsOf(palette, useAppStore((s) => s.keyOverrides))[0];
  return (
    <button type="button" className="button-quiet palette-button" aria-keyshortcuts={combo?.replace('mod', 'Control')} onClick={() => setOverlay('palette')}>
      {t('nav.commands')}
      {combo && <kbd aria-hidden="true">{formatCombo(combo)}</kbd>}
    </button>
  );
}
