import { useTranslation } from 'react-i18next';
import { useMemo, useState } from 'react';
import type { Entity, MentionInContext } from '../../../shared/model';
import { annotationHref } from '../../routing';
import { useAppStore } from '../../store';

const keyOf = (m: MentionInContext) => `${m.docId}:${m.annotationId}`;

/** Every mention in context, grouped by document; tick some to split them off into a new entity. */
export function EntityMentions({ entity, mentions }: { entity: Entity; mentions: MentionInContext[] }) {
  const { t } = useTranslation();
  const split = useAppStore((s) => s.splitEntity);
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const groups = useMemo(() => {
    const byDoc = new Map<string, { title: string; items: MentionInContext[] }>();
    for (const m of mentions) (byDoc.get(m.docId) ?? byDoc.set(m.docId, { title: m.title, items: [] }).get(m.docId)!).items.push(m);
    return [...byDoc].map(([docId, group]) => ({ docId, ...group }));
  }, [mentions]);
  const toggle = (key: string) => {
    const next = new Set(ticked);
    if (!next.delete(key)) next.add(key);
    setTicked(next);
  };
  const chosen = mentions.filter((m) => ticked.has(keyOf(m)));

  return (
    <section className="entity-mentions" aria-labelledby="mentions-heading">
      <h2 id="mentions-heading">{t('ui.mentions')}</h2>
      {groups.map((group) => (
        <section key={group.docId} className="mention-group" aria-label={group.title}>
          <h3>{group.title}</h3>
          <ul className="mention-list">
            {group.items.map((m) => (
              <li key={m.annotationId} className="mention-row">
                <input type="checkbox" aria-label={t('split.selectMention', { quote: m.quote, start: m.start, title: m.title })} checked={ticked.has(keyOf(m))} onChange={() => toggle(keyOf(m))} />
                <a href={annotationHref(m.docId, m.annotationId)} className="mention-context">
                  <span className="context-side">…{m.prefix}</span>
                  <strong>{m.quote}</strong>
                  <span className="context-side">{m.suffix}…</span>
                </a>
                {m.label !== entity.label && <span className="hint">{t('split.as', { label: m.label })}</span>}
              </li>
            ))}
          </ul>
        </section>
      ))}
      <form
        className="split-form"
        aria-label={t('split.form')}
        onSubmit={async (event) => {
          event.preventDefault();
          const failure = await split(
            entity.id,
            name,
            chosen.map(({ docId, annotationId }) => ({ docId, annotationId })),
          );
          setError(failure);
          if (!failure) {
            setTicked(new Set());
            setName('');
          }
        }}
      >
        <span className="hint">{chosen.length ? t('split.selected', { count: chosen.length }) : t('split.hint')}</span>
        <input aria-label={t('split.name')} placeholder={t('split.name')} value={name} onChange={(event) => setName(event.target.value)} disabled={!chosen.length} />
        <button type="submit" className="button-secondary" disabled={!chosen.length || !name.trim()}>
          {t('split.submit')}
        </button>
        {error && (
          <p role="alert" className="field-error">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}
