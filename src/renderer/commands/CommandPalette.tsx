import { useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../features/library/Dialog';
import { useStoreApi } from '../features/library/use-store-api';
import { useAppStore } from '../store';
import { fuzzyFilter } from './fuzzy';
import { formatCombo } from './keys';
import { allCommands, bindingsOf, commandTitle } from './registry';
import { commandContext } from './use-command-keys';

/** Ctrl+K: every enabled command with its shortcut; type to filter, ↑/↓ and Enter to run, Esc to close. */
export function CommandPalette() {
  const { t } = useTranslation();
  const store = useStoreApi();
  const overrides = useAppStore((s) => s.keyOverrides);
  const setOverlay = useAppStore((s) => s.setOverlay);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  // The context as the palette opened: which commands apply does not change while it is open.
  const [ctx] = useState(() => commandContext(store));
  const entries = useMemo(
    () => allCommands()
      .filter((c) => c.isEnabled(ctx))
      .map((c) => ({ command: c, title: commandTitle(c, ctx, t), keys: bindingsOf(c, overrides) })),
    [ctx, overrides, t],
  );
  const shown = useMemo(() => fuzzyFilter(entries, query, (e) => e.title), [entries, query]);
  const at = Math.min(active, Math.max(0, shown.length - 1));

  const run = (index: number) => {
    const entry = shown[index];
    if (!entry) return;
    setOverlay(null);
    // After the dialog has closed and focus went back, so the command acts on the page, not the palette.
    requestAnimationFrame(() => entry.command.run(commandContext(store)));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const delta = event.key === 'ArrowDown' ? 1 : -1;
      setActive((at + delta + shown.length) % Math.max(1, shown.length));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      run(at);
    }
  };

  return (
    <Dialog title={t('palette.title')} onClose={() => setOverlay(null)} className="palette">
      <input
        className="palette-input"
        role="combobox"
        aria-label={t('palette.label')}
        aria-expanded="true"
        aria-controls="palette-list"
        aria-activedescendant={shown[at] ? `palette-${shown[at].command.id}` : undefined}
        aria-autocomplete="list"
        placeholder={t('palette.placeholder')}
        autoFocus
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul id="palette-list" role="listbox" aria-label={t('nav.commands')} className="palette-list">
        {shown.map((entry, index) => (
          <li
            key={entry.command.id}
            id={`palette-${entry.command.id}`}
            role="option"
            aria-selected={index === at}
            className="palette-item"
            onMouseMove={() => setActive(index)}
            onClick={() => run(index)}
          >
            <span>{entry.title}</span>
            {entry.keys.length > 0 && (
              <span className="palette-keys">
                {entry.keys.map((k) => (
                  <kbd key={k}>{formatCombo(k)}</kbd>
                ))}
              </span>
            )}
          </li>
        ))}
      </ul>
      {shown.length === 0 && <p className="hint palette-empty">{t('palette.noMatch', { query })}</p>}
      <p className="visually-hidden" role="status">
        {t('palette.results', { count: shown.length })}
      </p>
    </Dialog>
  );
}
