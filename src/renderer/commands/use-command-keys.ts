import { useEffect } from 'react';
import { isTypingTarget } from '../features/search/search-href';
import { useStoreApi } from '../features/library/use-store-api';
import { parseRoute } from '../routing';
import { settingsHref } from '../features/settings/use-settings-route';
import { comboOf } from './keys';
import { commandFor } from './registry';
import type { CommandContext } from './types';
import type { AppStore } from '../store';

export function commandContext(store: AppStore): CommandContext {
  const hash = window.location.hash;
  // Settings is not a Route of its own; to commands it is "not the reader".
  const route = hash.startsWith(settingsHref) ? ({ name: 'library' } as const) : parseRoute(hash);
  return { store, state: store.getState(), route };
}

/**
 * The one key handler for commands: a key press becomes a combo, the combo the first enabled
 * command bound to it (defaults or the user's Settings). Keys stay with fields and editors,
 * except for commands marked whileTyping, and with an open modal dialog, except for those marked inDialogs.
 */
export function useCommandKeys(): void {
  const store = useStoreApi();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const combo = comboOf(event);
      if (!combo) return;
      const ctx = commandContext(store);
      const command = commandFor(combo, ctx);
      if (!command || (!command.inDialogs && document.querySelector('dialog[open]'))) return;
      if (!command.whileTyping && isTypingTarget(event.target)) return;
      if (command.run(ctx) !== false) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}
