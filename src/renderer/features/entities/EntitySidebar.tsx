import { useTranslation } from 'react-i18next';
import { useMemo, type CSSProperties } from 'react';
import { useAppStore } from '../../store';
import { shortQuote } from '../annotations/rich-preview';
import { labelColor } from './label-keys';
import { RelationList } from '../relations/RelationList';
import { shownRelations } from '../relations/relation-text';

/** The document's entity mentions in text order: label, quote, entity name; click goes to one. */
export function EntitySidebar({ text }: { text: string }) {
  const { t } = useTranslation();
  const annotations = useAppStore((s) => s.annotations);
  const labels = useAppStore((s) => s.labels);
  const names = useAppStore((s) => s.entityNames);
  const focusOffset = useAppStore((s) => s.focusOffset);
  const openAnnotation = useAppStore((s) => s.openAnnotation);
  const items = annotations?.items;
  const mentions = useMemo(() => (items ?? []).filter((a) => a.kind === 'entity' && !a.orphan), [items]);
  const relationTypes = useAppStore((s) => s.relationTypes);
  const relations = useMemo(() => shownRelations(items ?? [], relationTypes), [items, relationTypes]);

  return (
    <section className="side-section" aria-labelledby="entities-heading">
      <div className="side-head">
        <h2 id="entities-heading">
          {t('ui.entities')} <span className="count">{mentions.length}</span>
        </h2>
        <a href="#/entities">{t('ui.allEntities')}</a>
      </div>
      {mentions.length === 0 && annotations?.status === 'ready' && <p className="hint">{t('ui.entityHint')}</p>}
      {mentions.length > 0 && (
        <ul className="annotation-list" aria-label={t('mention.list')}>
          {mentions.map((a) => {
            const entity = a.entityId ? names[a.entityId] : undefined;
            const quote = shortQuote(text.slice(a.target.start, a.target.end) || a.target.quote);
            return (
              <li key={a.id}>
                <button
                  type="button"
                  className="annotation-item mention-item"
                  style={{ '--label': labelColor(labels, a.label) } as CSSProperties}
                  onClick={() => {
                    focusOffset(a.target.start, a.id);
                    openAnnotation(a.id);
                  }}
                >
                  <span className="item-color">
                    <span className="label-tag">{a.label}</span>
                    {entity && entity.name !== quote && <span className="item-entity">{entity.name}</span>}
                  </span>
                  <span className="item-quote">{quote}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <RelationList relations={relations} />
    </section>
  );
}
