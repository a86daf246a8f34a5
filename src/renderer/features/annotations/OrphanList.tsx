import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import type { Annotation } from '../../../shared/model';
import { useAppStore } from '../../store';
import { ARTICLE_SELECTOR } from './colors';
import { shortQuote } from './rich-preview';
import { currentSelectionOffsets } from './selection-offsets';

/** Annotations a new version of the text could not place: the user places them at a selection or drops them. */
export function OrphanList({ orphans, text }: { orphans: Annotation[]; text: string }) {
  const { t } = useTranslation();
  const place = useAppStore((s) => s.placeAnnotation);
  const remove = useAppStore((s) => s.deleteAnnotation);
  const [hint, setHint] = useState<string | null>(null);

  return (
    <section className="orphans" aria-labelledby="orphans-heading">
      <h3 id="orphans-heading">{t('orphans.heading', { count: orphans.length })}</h3>
      <p className="hint">{t('orphans.hint')}</p>
      {hint && (
        <p className="field-error" role="alert">
          {hint}
        </p>
      )}
      <ul className="orphan-list" aria-label={t('orphans.list')}>
        {orphans.map((a) => (
          <li key={a.id} className="orphan-item">
            <blockquote className="item-quote">{shortQuote(a.target.quote)}</blockquote>
            <p className="hint">{a.orphan?.reason}</p>
            <div className="orphan-actions">
              <button
                type="button"
                className="button-secondary"
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => {
                  const range = currentSelectionOffsets(document.querySelector(ARTICLE_SELECTOR), text);
                  if (!range) return setHint(t('orphans.selectFirst'));
                  setHint(null);
                  document.getSelection()?.removeAllRanges();
                  void place(a.id, range);
                }}
              >
                {t('orphans.place')}
              </button>
              <button type="button" className="button-quiet" onClick={() => void remove(a.id)}>
                {t('common.delete')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
