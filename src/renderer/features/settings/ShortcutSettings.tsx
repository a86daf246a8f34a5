import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { comboOf, formatCombo } from '../../commands/keys';
import { allCommands, bindingsOf, commandTitle, conflictsOf } from '../../commands/registry';
import { commandContext } from '../../commands/use-command-keys';
import { useAppStore } from '../../store';
import { useStoreApi } from '../library/use-store-api';

/** Every command and its keys: Change records the next key press, Reset goes back to the default; clashes are named. */
export function ShortcutSettings() {
  const { t } = useTranslation();
  const store = useStoreApi();
  const overrides = useAppStore((s) => s.keyOverrides);
  const setKeys = useAppStore((s) => s.setKeys);
  const resetKeys = useAppStore((s) => s.resetKeys);
  const [recording, setRecording] = useState<string | null>(null);
  const ctx = commandContext(store);
  const conflicts = conflictsOf(overrides);
  const titleOf = (id: string) => {
    const command = allCommands().find((c) => c.id === id);
    return command ? commandTitle(command, ctx, t) : id;
  };

  useEffect(() => {
    if (!recording) return;
    // Capture phase: the key is the new shortcut, not a command to run.
    const onKey = (event: KeyboardEvent) => {
      const combo = comboOf(event);
      if (!combo) return;
      event.preventDefault();
      event.stopPropagation();
      if (combo !== 'escape') setKeys(recording, [combo]);
      setRecording(null);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [recording, setKeys]);

  return (
    <section className="settings-section" aria-labelledby="shortcuts-heading">
      <h2 id="shortcuts-heading">{t('settings.shortcuts')}</h2>
      <p className="hint">{t('settings.shortcutsHint')}</p>
      {conflicts.size > 0 && (
        <p className="field-error" role="status">
          {t('settings.conflicts', { count: conflicts.size })}
        </p>
      )}
      <table className="shortcut-table">
        <thead>
          <tr>
            <th scope="col">{t('settings.command')}</th>
            <th scope="col">{t('settings.keys')}</th>
            <th scope="col">
              <button type="button" className="button-quiet" onClick={resetKeys} disabled={Object.keys(overrides).length === 0}>
                {t('settings.resetAll')}
              </button>
            </th>
          </tr>
        </thead>
        <tbody>
          {allCommands().map((command) => {
            const title = commandTitle(command, ctx, t);
            const combos = bindingsOf(command, overrides);
            const clashes = combos.flatMap((k) => (conflicts.get(k) ?? []).filter((id) => id !== command.id));
            return (
              <tr key={command.id} data-command={command.id}>
                <th scope="row">{title}</th>
                <td>
                  {recording === command.id ? (
                    <span className="recording" role="status">
                      {t('settings.pressKeys')}
                    </span>
                  ) : combos.length ? (
                    combos.map((k) => <kbd key={k}>{formatCombo(k)}</kbd>)
                  ) : (
                    <span className="hint">{t('settings.none')}</span>
                  )}
                  {clashes.length > 0 && <span className="field-error shortcut-clash">{t('settings.conflict', { others: [...new Set(clashes)].map(titleOf).join(', ') })}</span>}
                </td>
                <td className="shortcut-actions">
                  <button type="button" className="button-secondary" aria-label={t('settings.changeFor', { title })} onClick={() => setRecording(command.id)}>
                    {t('settings.change')}
                  </button>
                  <button
                    type="button"
                    className="button-quiet"
                    aria-label={t('settings.resetFor', { title })}
                    disabled={!(command.id in overrides)}
                    onClick={() => setKeys(command.id, null)}
                  >
                    {t('settings.reset')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
