import { useEffect } from 'react';
import { useAppStore } from '../../store';
import { labelName } from './label-keys';

/** While suggestions show: where the user is, what Enter and x do (announced), and buttons for the same. */
export function SuggestionBar({ docId }: { docId: string }) {
  const state = useAppStore((s) => (s.suggestions?.docId === docId ? s.suggestions : null));
  const labels = useAppStore((s) => s.labels);
  const step = useAppStore((s) => s.stepSuggestion);
  const accept = useAppStore((s) => s.acceptSuggestion);
  const reject = useAppStore((s) => s.rejectSuggestion);
  const close = useAppStore((s) => s.closeSuggestions);
  const current = state && state.current >= 0 ? state.items[state.current] : undefined;

  // The current one is outlined and brought into view (after the reader has rendered it).
  const at = current ? `${current.start}:${current.end}` : '';
  useEffect(() => {
    if (!at) return;
    const frame = requestAnimationFrame(() => document.querySelector('mark.suggestion-current')?.scrollIntoView({ block: 'center', behavior: 'instant' }));
    return () => cancelAnimationFrame(frame);
  }, [at, state?.current]);

  if (!state) return null;
  let message: string;
  if (state.status === 'loading') message = 'Looking for names to suggest…';
  else if (state.status === 'failed') message = `Could not load suggestions: ${state.error}`;
  else if (!state.items.length) message = 'No suggestions left in this document.';
  else if (!current) message = `${state.items.length} suggestions. j and k go from one to the next.`;
  else message = `${current.label}: ${current.text} — Enter to accept, x to reject (${state.current + 1} of ${state.items.length})`;

  return (
    <section className="suggestion-bar" aria-label="Suggestions">
      <p className="suggestion-message" role="status" aria-live="polite">
        {message}
      </p>
      {current && (
        <span className="hint">
          {labelName(labels, current.label)} · {current.source === 'registry' ? 'known name' : 'found by NER'}
        </span>
      )}
      <div className="suggestion-actions">
        <button type="button" className="button-quiet" aria-label="Previous suggestion (k)" disabled={!state.items.length} onClick={() => step(-1)}>
          ↑ k
        </button>
        <button type="button" className="button-quiet" aria-label="Next suggestion (j)" disabled={!state.items.length} onClick={() => step(1)}>
          ↓ j
        </button>
        <button type="button" className="button-secondary" disabled={!current} onClick={() => void accept()}>
          Accept
        </button>
        <button type="button" className="button-secondary" disabled={!current} onClick={() => void reject()}>
          Reject
        </button>
        <button type="button" className="button-quiet" aria-label="Hide suggestions (s)" onClick={close}>
          ×
        </button>
      </div>
    </section>
  );
}
