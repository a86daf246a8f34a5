import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../features/library/Dialog';
import { useStoreApi } from '../features/library/use-store-api';
import { useAppStore } from '../store';
import { formatCombo } from './keys';
import { allCommands, bindingsOf, commandTitle } from './registry';
import type { CommandGroup } from './types';
import { commandContext } from './use-command-keys';

const GROUPS: CommandGroup[] = ['app', 'library', 'reader', 'entities'];

/** `?`: every shortcut, grouped by where it works, as the user has bound them. */
export function ShortcutsHelp() {
  const { t } = useTranslation();
  const store = useStoreApi();
  const overrides = useAppStore((s) => s.keyOverrides);
  const setOverlay = useAppStore((s) => s.setOverlay);
  const ctx = commandContext(store);
  const close = () => setOverlay(null);

  return (
    <Dialog title={t('help.title')} onClose={close} className="shortcuts-help">
      <div className="shortcuts-groups">
        {GROUPS.map((group) => {
          const commands = allCommands().filter((c) => c.group === group && bindingsOf(c, overrides).length > 0);
          if (!commands.length) return null;
          return (
            <section key={group} aria-labelledby={`help-${group}`}>
              <h3 id={`help-${group}`}>{t(`help.groups.${group}`)}</h3>
              <dl className="shortcut-list">
                {commands.map((c) => (
                  <Fragment key={c.id}>
                    <dt>{commandTitle(c, ctx, t)}</dt>
                    <dd>
                      {bindingsOf(c, overrides).map((k) => (
                        <kbd key={k}>{formatCombo(k)}</kbd>
                      ))}
                    </dd>
                  </Fragment>
                ))}
              </dl>
            </section>
          );
        })}
      </div>
      <p className="hint">{t('help.hint')}</p>
      <div className="dialog-actions">
        <button type="button" className="button-primary" onClick={close} autoFocus>
          {t('help.close')}
        </button>
      </div>
    </Dialog>
  );
}
