import { useEffect } from 'react';
import { useAppStore } from '../../store';
import { ARTICLE_SELECTOR } from '../annotations/colors';
import { isTyping } from '../annotations/is-typing';
import { currentSelectionOffsets } from '../annotations/selection-offsets';
import { useStoreApi } from '../library/use-store-api';
import { labelForKey } from './label-keys';

/** Keys whose meaning belongs to a focused control (a button's Enter, a checkbox's x) stay with it. */
const onControl = (target: EventTarget | null) => target instanceof Element && target.closest('button, a[href], summary, [role="button"], dialog') !== null;

/**
 * The reader's entity keys, as brat and doccano users expect: 1..9 tag the selection with
 * label 1..9 (or relabel the mention whose popover is open), Delete removes the open
 * annotation, s shows or hides suggestions, j/k walk them, Enter accepts, x rejects.
 * Nothing fires while the user types in a field or an editor, or while a dialog is open.
 */
export function useEntityKeys(docId: string, text: string | null) {
  const store = useStoreApi();
  const labels = useAppStore((s) => s.labels);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || !text) return;
      if (isTyping(event.target) || document.querySelector('dialog[open]')) return;
      const state = store.getState();
      const key = event.key;
      const open = state.activeAnnotation ? state.annotations?.items.find((a) => a.id === state.activeAnnotation!.id) : undefined;
      const label = labelForKey(labels, key);
      if (label) {
        const range = currentSelectionOffsets(document.querySelector(ARTICLE_SELECTOR), text);
        if (range) {
          event.preventDefault();
          document.getSelection()?.removeAllRanges();
          void state.createMention(docId, range, label.id);
        } else if (open?.kind === 'entity') {
          event.preventDefault();
          void state.relabelMention(open.id, label.id);
        }
        return;
      }
      if (key === 'Delete' && open) {
        event.preventDefault();
        void state.deleteAnnotation(open.id);
        return;
      }
      const suggesting = state.suggestions?.docId === docId ? state.suggestions : null;
      if (key === 's') {
        event.preventDefault();
        void state.toggleSuggestions(docId);
      } else if (suggesting && (key === 'j' || key === 'k')) {
        event.preventDefault();
        state.stepSuggestion(key === 'j' ? 1 : -1);
      } else if (suggesting && suggesting.current >= 0 && key === 'Enter' && !onControl(event.target)) {
        event.preventDefault();
        void state.acceptSuggestion();
      } else if (suggesting && suggesting.current >= 0 && key === 'x') {
        event.preventDefault();
        void state.rejectSuggestion();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [docId, text, labels, store]);
}
