import { useTranslation } from 'react-i18next';
import { useMemo, useState, type CSSProperties } from 'react';
import type { Annotation } from '../../../shared/model';
import { useAppStore } from '../../store';
import { shortQuote } from '../annotations/rich-preview';
import { labelColor } from './label-keys';
import { RelationList } from '../relations/RelationList';
import { ReviewList } from './ReviewList';
import { shownRelations } from '../relations/relation-text';

/** The document's entities, one entry each with its count of mentions (click walks them), and its relations. */
export function EntitySidebar({ text }: { text: string }) {
  const { t } = useTranslation();
  const annotations = useAppStore((s) => s.annotations);
  const labels = useAppStore((s) => s.labels);
  const names = useAppStore((s) => s.entityNames);
  const focusOffset = useAppStore((s) => s.focusOffset);
  const openAnnotation = useAppStore((s) => s.openAnnotation);
  const items = annotations?.items;
  const mentions = useMemo(() => (items ?? []).filter((a) => a.kind === 'entity' && !a.orphan && !a.review), [items]);
  const reviews = useMemo(() => (items ?? []).filter((a) => a.kind === 'entity' && !a.orphan && a.review), [items]);
  const relationTypes = useAppStore((s) => s.relationTypes);
  const [visited, setVisited] = useState<Record<string, string>>({});
  // One entry per entity (mentions of no entity: per label and text), in order of first mention.
  const groups = useMemo(() => {
    const byKey = new Map<string, { key: string; mentions: Annotation[] }>();
    for (const m of mentions) {
      const key = m.entityId ?? `${m.label}|${m.target.quote}`;
      (byKey.get(key) ?? byKey.set(key, { key, mentions: [] }).get(key)!).mentions.push(m);
    }
    return [...byKey.values()];
  }, [mentions]);
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
      <ReviewList mentions={reviews} />
      {groups.length > 0 && (
        <ul className="annotation-list" aria-label={t('mention.groups')}>
          {groups.map((g) => {
            const first = g.mentions[0]!;
            const name = (first.entityId ? names[first.entityId]?.name : undefined) ?? shortQuote(text.slice(first.target.start, first.target.end) || first.target.quote);
            const forms = [...new Set(g.mentions.map((m) => m.target.quote))].filter((q) => q !== name);
            return (
              <li key={g.key}>
                <button
                  type="button"
                  className="annotation-item mention-item"
                  style={{ '--label': labelColor(labels, first.label) } as CSSProperties}
                  aria-label={t('mention.group', { name, label: first.label, count: g.mentions.length })}
                  onClick={() => {
                    // Each click goes to the entity's next mention in the text.
                    const at = g.mentions.findIndex((m) => m.id === visited[g.key]);
                    const next = g.mentions[(at + 1) % g.mentions.length]!;
                    setVisited({ ...visited, [g.key]: next.id });
                    focusOffset(next.target.start, next.id);
                    openAnnotation(next.id);
                  }}
                >
                  <span className="item-color">
                    <span className="label-tag">{first.label}</span>
                    <span className="count" aria-hidden="true">
                      ×{g.mentions.length}
                    </span>
                  </span>
                  <span className="item-quote">{name}</span>
                  {forms.length > 0 && <span className="item-entity">{forms.map(shortQuote).join(' · ')}</span>}
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
