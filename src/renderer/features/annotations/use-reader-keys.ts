import { useEffect } from 'react';
import { useAppStore } from '../../store';
import { ARTICLE_SELECTOR } from './colors';
import { isTyping } from './is-typing';
import { currentSelectionOffsets } from './selection-offsets';

/**
 * The reader's keys (DESIGN.md "Conventions"): h highlights the selection, n highlights it
 * with a comment, Ctrl+Z / Ctrl+Shift+Z (Ctrl+Y) undo and redo, Ctrl+F finds. 1..9 are kept
 * for entity labels. Nothing fires while focus is in a field or an editor, where the
 * editor's own undo works.
 */
export function useReaderKeys(docId: string, text: string | null) {
  const createHighlight = useAppStore((s) => s.createHighlight);
  const undo = useAppStore((s) => s.undo);
  const redo = useAppStore((s) => s.redo);
  const openFind = useAppStore((s) => s.openFind);
  const openAnnotation = useAppStore((s) => s.openAnnotation);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (mod && !event.altKey && key === 'f') {
        event.preventDefault();
        openFind();
        return;
      }
      if (event.defaultPrevented || isTyping(event.target)) return;
      if (mod && !event.altKey && (key === 'z' || key === 'y')) {
        event.preventDefault();
        void (key === 'y' || event.shiftKey ? redo() : undo());
        return;
      }
      if (mod || event.altKey || !text) return;
      if (key === 'h' || key === 'n') {
        const range = currentSelectionOffsets(document.querySelector(ARTICLE_SELECTOR), text);
        if (!range) return;
        event.preventDefault();
        document.getSelection()?.removeAllRanges();
        void createHighlight(docId, range, 'yellow', { withComment: key === 'n' });
      } else if (key === 'escape') {
        openAnnotation(null);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [docId, text, createHighlight, undo, redo, openFind, openAnnotation]);
}
