import { useEffect } from 'react';
import { isTyping } from '../annotations/is-typing';
import { useStoreApi } from '../library/use-store-api';

/** Keys whose meaning belongs to a focused control (a button's Enter, a checkbox's x) stay with it. */
const onControl = (target: EventTarget | null) => target instanceof Element && target.closest('button, a[href], summary, [role="button"], dialog') !== null;

/**
 * The reader's entity keys that act on what is open, as brat and doccano users expect: Delete
 * removes the open annotation, j/k walk suggestions, Enter accepts, x rejects. 1..9 and s
 * are commands (src/renderer/commands/entity-commands.ts), so Settings can rebind them.
 * Nothing fires while the user types in a field or an editor, or while a dialog is open.
 */
export function useEntityKeys(docId: string, text: string | null) {
  const store = useStoreApi();

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || !text) return;
      if (isTyping(event.target) || document.querySelector('dialog[open]')) return;
      const state = store.getState();
      const key = event.key;
      const open = state.activeAnnotation ? state.annotations?.items.find((a) => a.id === state.activeAnnotation!.id) : undefined;
      if (key === 'Delete' && open) {
        event.preventDefault();
        void state.deleteAnnotation(open.id);
        return;
      }
      const suggesting = state.suggestions?.docId === docId ? state.suggestions : null;
      if (suggesting && (key === 'j' || key === 'k')) {
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
    // While a relation is being made, its keys come first (capture): digits pick a type, not a label.
    const onLinkingKey = (event: KeyboardEvent) => {
      const state = store.getState();
      if (!state.linking || state.linking.docId !== docId || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTyping(event.target) || document.querySelector('dialog[open]')) return;
      const key = event.key;
      const handled = () => {
        event.preventDefault();
        event.stopPropagation();
      };
      if (key === 'ArrowRight' || key === 'ArrowDown' || (key === 'Tab' && !event.shiftKey)) {
        handled();
        state.stepLinking(1);
      } else if (key === 'ArrowLeft' || key === 'ArrowUp' || (key === 'Tab' && event.shiftKey)) {
        handled();
        state.stepLinking(-1);
      } else if (/^[1-9]$/.test(key)) {
        handled();
        void state.pickRelationType(Number(key));
      } else if (key === 'Escape') {
        handled();
        state.cancelLinking();
      }
    };
    window.addEventListener('keydown', onLinkingKey, true);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onLinkingKey, true);
      window.removeEventListener('keydown', onKey);
    };
  }, [docId, text, store]);
}
