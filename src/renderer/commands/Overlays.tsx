import { useAppStore } from '../store';
import { CommandPalette } from './CommandPalette';
import { ShortcutsHelp } from './ShortcutsHelp';

/** The palette or the shortcuts sheet, whichever is open. */
export function Overlays() {
  const overlay = useAppStore((s) => s.overlay);
  if (overlay === 'palette') return <CommandPalette />;
  if (overlay === 'help') return <ShortcutsHelp />;
  return null;
}
