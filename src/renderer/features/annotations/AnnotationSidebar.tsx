import { useTranslation } from 'react-i18next';
import { useMemo, useState, type KeyboardEvent } from 'react';
import { isPaged, type HighlightColor } from '../../../shared/model';
import { useAppStore } from '../../store';
import { colorChoices, meaningOf } from './colors';
import { OrphanList } from './OrphanList';
import { plainText, shortQuote } from './rich-preview';
import { annotationPage } from '../pages/page-label';
import { AreaThumb } from '../pages/AreaThumb';

const ITEM = '.annotation-item';

/** The document's highlights in text order: click or Enter goes to one, Delete deletes, ↑/↓ move. */
export function AnnotationSidebar({ text }: { text: string }) {
  const { t } = useTranslation();
  const annotations = useAppStore((s) => s.annotations);
  const meanings = useAppStore((s) => s.colorMeanings);
  const focusOffset = useAppStore((s) => s.focusOffset);
  const openAnnotation = useAppStore((s) => s.openAnnotation);
  const remove = useAppStore((s) => s.deleteAnnotation);
  const [filter, setFilter] = useState<HighlightColor | 'all'>('all');
  const blocks = useAppStore((s) => s.reader?.content?.blocks);
  const isPdf = useAppStore((s) => isPaged(s.reader?.content?.meta.type));
  const map = useAppStore((s) => (s.pdfMap?.docId === annotations?.docId ? s.pdfMap?.map ?? null : null));

  const items = annotations?.items ?? [];
  // Highlights and areas of a page (figures, seals, tables); entity mentions have their own list.
  const placed = useMemo(() => items.filter((a) => (a.kind === 'highlight' || a.kind === 'area') && !a.orphan), [items]);
  // A relation follows its mention: it is placed again with it, never on its own.
  const orphans = useMemo(() => items.filter((a) => a.orphan && a.kind !== 'relation'), [items]);
  const shown = filter === 'all' ? placed : placed.filter((a) => (a.color ?? 'yellow') === filter);

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>(ITEM)];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      buttons[Math.max(0, Math.min(buttons.length - 1, at + (event.key === 'ArrowDown' ? 1 : -1)))]?.focus();
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      const id = buttons[at]!.dataset.id!;
      const next = buttons[at + 1] ?? buttons[at - 1];
      void remove(id).then(() => next?.focus());
    }
  };

  return (
    <section className="side-section" aria-labelledby="highlights-heading">
      <div className="side-head">
        <h2 id="highlights-heading">
          {t('ui.highlights')} <span className="count">{placed.length}</span>
        </h2>
        <select aria-label={t('highlight.filter')} value={filter} onChange={(event) => setFilter(event.target.value as HighlightColor | 'all')}>
          <option value="all">{t('ui.allColours')}</option>
          {colorChoices(meanings).map(({ color, title, meaning }) => (
            <option key={color} value={color}>
              {t('highlight.option', { meaning, colour: title.toLowerCase() })}
            </option>
          ))}
        </select>
      </div>
      {annotations?.status === 'failed' && <p className="field-error">{t('highlight.loadFailed', { error: annotations.error })}</p>}
      {placed.length === 0 && annotations?.status === 'ready' && (
        <p className="hint">{t('ui.highlightHint')}</p>
      )}
      {shown.length > 0 && (
        <ul className="annotation-list" aria-label={t('highlight.list')} onKeyDown={onKeyDown}>
          {shown.map((a) => {
            const color = a.color ?? 'yellow';
            const comment = plainText(a.comment);
            const page = isPdf ? annotationPage(a, blocks ?? [], map) : null;
            const area = a.kind === 'area' ? a.geometry?.[0] : undefined;
            const quote = text.slice(a.target.start, a.target.end) || a.target.quote;
            return (
              <li key={a.id}>
                <button
                  type="button"
                  className={`annotation-item dot-${color}`}
                  data-id={a.id}
                  onClick={() => {
                    focusOffset(a.target.start, a.id);
                    openAnnotation(a.id);
                  }}
                >
                  <span className="item-color">
                    <span className={`color-dot dot-${color}`} aria-hidden="true" />
                    {meaningOf(color, meanings)}
                    {page && <span className="item-page">{t('pages.pageShort', { page })}</span>}
                  </span>
                  {area && annotations && <AreaThumb docId={annotations.docId} id={a.id} geometry={area} alt={t('pages.areaOn', { page: page ?? area.page })} />}
                  {(quote || !area) && <span className="item-quote">{shortQuote(quote)}</span>}
                  {comment && <span className="item-comment">{comment}</span>}
                  {a.author && <span className="item-author">{t('highlight.byAuthor', { author: a.author, date: a.createdAt.slice(0, 10) })}</span>}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {orphans.length > 0 && <OrphanList orphans={orphans} text={text} />}
      <p className="side-foot">
        <a href="#/settings">{t('ui.nameColours')}</a>
      </p>
    </section>
  );
}
