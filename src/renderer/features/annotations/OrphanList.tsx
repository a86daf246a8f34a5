import { useState } from 'react';
import type { Annotation } from '../../../shared/model';
import { useAppStore } from '../../store';
import { ARTICLE_SELECTOR } from './colors';
import { shortQuote } from './rich-preview';
import { currentSelectionOffsets } from './selection-offsets';

/** Annotations a new version of the text could not place: the user places them at a selection or drops them. */
export function OrphanList({ orphans, text }: { orphans: Annotation[]; text: string }) {
  const place = useAppStore((s) => s.placeAnnotation);
  const remove = useAppStore((s) => s.deleteAnnotation);
  const [hint, setHint] = useState<string | null>(null);

  return (
    <section className="orphans" aria-labelledby="orphans-heading">
      <h3 id="orphans-heading">Not found in this version ({orphans.length})</h3>
      <p className="hint">The text changed where these were. Select where one belongs now and place it, or delete it.</p>
      {hint && (
        <p className="field-error" role="alert">
          {hint}
        </p>
      )}
      <ul className="orphan-list" aria-label="Annotations not placed">
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
                  if (!range) return setHint('Select the text in the document first, then choose “Place at selection”.');
                  setHint(null);
                  document.getSelection()?.removeAllRanges();
                  void place(a.id, range);
                }}
              >
                Place at selection
              </button>
              <button type="button" className="button-quiet" onClick={() => void remove(a.id)}>
                Delete
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
