import { useTranslation } from 'react-i18next';
import { useEffect } from 'react';
import { useAppStore } from '../../store';
import { labelName } from './label-keys';

/** While suggestions show: where the user is, what Enter and x do (announced), and buttons for the same. */
export function SuggestionBar({ docId }: { docId: string }) {
  const { t } = useTranslation();
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
  if (state.status === 'loading') message = t('suggest.loading');
  else if (state.status === 'failed') message = t('suggest.failed', { error: state.error });
  else if (!state.items.length) message = t('suggest.none');
  else if (!current) message = t('suggest.count', { count: state.items.length });
  else message = t('suggest.current', { label: current.label, text: current.text, n: state.current + 1, total: state.items.length });

  return (
    <section className="suggestion-bar" aria-label={t('suggest.region')}>
      <p className="suggestion-message" role="status" aria-live="polite">
        {message}
      </p>
      {current && (
        <span className="hint">
          {labelName(labels, current.label)} · {t(`suggest.sources.${current.source}`)}
        </span>
      )}
      <div className="suggestion-actions">
        <button type="button" className="button-quiet" aria-label={t('suggest.previous')} disabled={!state.items.length} onClick={() => step(-1)}>
          ↑ k
        </button>
        <button type="button" className="button-quiet" aria-label={t('suggest.next')} disabled={!state.items.length} onClick={() => step(1)}>
          ↓ j
        </button>
        <button type="button" className="button-secondary" disabled={!current} onClick={() => void accept()}>
          {t('suggest.accept')}
        </button>
        <button type="button" className="button-secondary" disabled={!current} onClick={() => void reject()}>
          {t('suggest.reject')}
        </button>
        <button type="button" className="button-quiet" aria-label={t('suggest.hide')} onClick={close}>
          ×
        </button>
      </div>
    </section>
  );
}
