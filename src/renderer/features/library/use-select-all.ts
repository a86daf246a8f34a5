import { useEffect } from 'react';
import { isTypingTarget } from '../search/search-href';
import { useStoreApi } from './use-store-api';

/** Ctrl+A (⌘A) ticks every document shown, unless the user is typing or a dialog is open. */
export function useSelectAll(ids: readonly string[], enabled: boolean): void {
  const store = useStoreApi();
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== 'a' || event.altKey || event.shiftKey) return;
      if (isTypingTarget(event.target) || document.querySelector('dialog[open]')) return;
      event.preventDefault();
      store.getState().setSelection(new Set(ids), null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [ids, enabled, store]);
}
