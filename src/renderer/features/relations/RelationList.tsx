import { useTranslation } from 'react-i18next';
import type { CSSProperties } from 'react';
import { useAppStore } from '../../store';
import { shortQuote } from '../annotations/rich-preview';
import type { ShownRelation } from './relation-text';

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
        {relations.map(({ relation, from, to, type }) => {
          const item = t('relation.item', { from: shortQuote(from.target.quote), to: shortQuote(to.target.quote), type: type.name, arrow: type.directed ? '→' : '—' });
          return (
            <li key={relation.id} className="relation-item" style={{ '--label': type.color } as CSSProperties}>
              <button type="button" className="annotation-item" onClick={() => focusOffset(from.target.start, from.id)}>
                {item}
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
