import { useTranslation } from 'react-i18next';
import type { CSSProperties } from 'react';
import { useAppStore } from '../../store';
import { shortQuote } from '../annotations/rich-preview';
import { problemText, type ShownRelation } from './relation-text';

/** The document's relations in the reader's sidebar: go to one, delete one (undoable). */
export function RelationList({ relations }: { relations: readonly ShownRelation[] }) {
  const { t } = useTranslation();
  const focusOffset = useAppStore((s) => s.focusOffset);
  const remove = useAppStore((s) => s.deleteAnnotation);
  if (!relations.length) return null;
  return (
    <div className="relation-side">
      <h3>
        {t('relation.heading')} <span className="count">{relations.length}</span>
      </h3>
      <ul className="annotation-list" aria-label={t('relation.list')}>
        {relations.map((shown) => {
          const { relation, from, to, type } = shown;
          const item = t('relation.item', { from: shortQuote(from.target.quote), to: shortQuote(to.target.quote), type: type.name, arrow: type.directed ? '→' : '—' });
          const problems = problemText(shown, t);
          return (
            <li key={relation.id} className={problems ? 'relation-item relation-flagged' : 'relation-item'} style={{ '--label': type.color } as CSSProperties}>
              <button type="button" className="annotation-item" onClick={() => focusOffset(from.target.start, from.id)}>
                {item}
                {problems && (
                  <span className="relation-problem" title={t('relation.flagged', { problems })}>
                    {' '}
                    ⚠ {problems}
                  </span>
                )}
              </button>
              <button type="button" className="button-quiet" aria-label={t('relation.delete', { item })} onClick={() => void remove(relation.id)}>
                ×
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
