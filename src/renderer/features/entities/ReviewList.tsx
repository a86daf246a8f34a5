import { useTranslation } from 'react-i18next';
import type { CSSProperties } from 'react';
import type { Annotation } from '../../../shared/model';
import { useAppStore } from '../../store';
import { shortQuote } from '../annotations/rich-preview';
import { labelColor } from './label-keys';

/**
 * Mentions a new version changed ("117.8" became "118.2"): the old and new text, out of their
 * entity until the user confirms the entity still holds or retags the mention by its new text.
 */
export function ReviewList({ mentions }: { mentions: readonly Annotation[] }) {
  const { t } = useTranslation();
  const labels = useAppStore((s) => s.labels);
  const names = useAppStore((s) => s.entityNames);
  const confirm = useAppStore((s) => s.confirmMention);
  const relabel = useAppStore((s) => s.relabelMention);
  const focusOffset = useAppStore((s) => s.focusOffset);
  if (!mentions.length) return null;
  return (
    <div className="review-side">
      <h3>
        {t('review.heading')} <span className="count">{mentions.length}</span>
      </h3>
      <p className="hint">{t('review.hint')}</p>
      <ul className="annotation-list" aria-label={t('review.list')}>
        {mentions.map((m) => {
          const review = m.review!;
          const name = (review.entityId ? names[review.entityId]?.name : undefined) ?? review.oldQuote;
          const newText = shortQuote(review.newQuote);
          return (
            <li key={m.id} className="review-item" style={{ '--label': labelColor(labels, m.label) } as CSSProperties}>
              <button type="button" className="annotation-item" onClick={() => focusOffset(m.target.start, m.id)}>
                <span className="label-tag">{m.label}</span> {t('review.change', { old: shortQuote(review.oldQuote), new: newText })}
              </button>
              <div className="review-actions">
                <button type="button" className="button-secondary" aria-label={t('review.confirmLabel', { new: newText, name })} onClick={() => void confirm(m.id)}>
                  {t('review.confirm', { name: shortQuote(name) })}
                </button>
                <button type="button" className="button-secondary" onClick={() => void relabel(m.id, m.label ?? '')}>
                  {t('review.retag', { new: newText })}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
