import { useTranslation } from 'react-i18next';
import { useEffect, useRef, useState } from 'react';
import { useAppStore } from '../../store';

/**
 * Ctrl+F: every hit of a query (library search syntax) marked in the text, with next and previous.
 * In a PDF's page view the same hits are drawn on the pages (overlay-items.ts, through the source
 * map), rather than found by pdf.js's PDFFindController, on purpose: this find searches the stored
 * text, so (1) a scan's OCR words are found, which pdf.js's text of the page does not have; (2) a
 * query finds the same hits, and counts the same, in both views and as the library's search does
 * (letter-spaced Chinese, words split at line ends, dot leaders, running heads left out); (3) a
 * hit is text offsets, so it can be grown by a word and tagged (Shift+Alt+→, Alt+1–9), as in the
 * text view; (4) PDFFindController marks hits by splitting the text layer's spans, which the
 * selection-to-offsets mapping and the OCR word layer rely on staying one span per item.
 */
export function FindBar() {
  const { t } = useTranslation();
  const find = useAppStore((s) => s.find);
  const runFind = useAppStore((s) => s.runFind);
  const stepFind = useAppStore((s) => s.stepFind);
  const closeFind = useAppStore((s) => s.closeFind);
  const [draft, setDraft] = useState(find.query);
  const input = useRef<HTMLInputElement>(null);
  const ran = useRef(find.status === 'idle' ? null : find.query);

  const { focusSeq, query } = find;
  const latestQuery = useRef(query);
  latestQuery.current = query;
  useEffect(() => {
    setDraft(latestQuery.current);
    input.current?.focus();
    input.current?.select();
  }, [focusSeq]);

  // Search as the user types, after a short pause.
  useEffect(() => {
    if (draft === ran.current) return;
    const timer = window.setTimeout(() => {
      ran.current = draft;
      void runFind(draft);
    }, 300);
    return () => window.clearTimeout(timer);
  }, [draft, runFind]);

  const submit = (backwards: boolean) => {
    if (draft !== ran.current) {
      ran.current = draft;
      void runFind(draft);
    } else stepFind(backwards ? -1 : 1);
  };

  let count = '';
  if (find.status === 'searching') count = t('find.searching');
  else if (find.status === 'failed') count = find.error ?? t('find.failed');
  else if (find.status === 'done') count = find.hits.length ? t('find.position', { current: find.current + 1, total: find.hits.length }) : t('find.none');

  return (
    <div className="find-bar" role="search" aria-label={t('find.label')}>
      <input
        ref={input}
        type="search"
        aria-label={t('find.label')}
        placeholder={t('find.label')}
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            submit(event.shiftKey);
          } else if (event.key === 'Escape') {
            event.preventDefault();
            closeFind();
          }
        }}
      />
      <span className="find-count" role="status">
        {count}
      </span>
      <button type="button" className="button-quiet" aria-label={t('find.previous')} disabled={!find.hits.length} onClick={() => stepFind(-1)}>
        ↑
      </button>
      <button type="button" className="button-quiet" aria-label={t('find.next')} disabled={!find.hits.length} onClick={() => stepFind(1)}>
        ↓
      </button>
      <button type="button" className="button-quiet" aria-label={t('find.close')} onClick={closeFind}>
        ×
      </button>
    </div>
  );
}
