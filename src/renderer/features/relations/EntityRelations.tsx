import { useTranslation } from 'react-i18next';
import { useEffect } from 'react';
import type { RelationInContext } from '../../../shared/model';
import { annotationHref, entityHref } from '../../routing';
import { useAppStore } from '../../store';

/** On an entity's page: the relations its mentions take part in, each with the other end and where. */
export function EntityRelations({ relations }: { relations: readonly RelationInContext[] }) {
  const { t } = useTranslation();
  const types = useAppStore((s) => s.relationTypes);
  const loadRelationTypes = useAppStore((s) => s.loadRelationTypes);
  useEffect(() => void loadRelationTypes(), [loadRelationTypes]);
  return (
    <section className="entity-relations" aria-labelledby="entity-relations-heading">
      <h2 id="entity-relations-heading">
        {t('relation.entityHeading')} <span className="count">{relations.length}</span>
      </h2>
      {relations.length === 0 ? (
        <p className="hint">{t('relation.none')}</p>
      ) : (
        <ul className="mention-list">
          {relations.map((r) => {
            const type = types.find((x) => x.id === r.type);
            const name = type?.name ?? r.type;
            const arrow = type?.directed === false ? '—' : '→';
            const other = r.otherEntityId ? <a href={entityHref(r.otherEntityId)}>{r.otherQuote}</a> : r.otherQuote;
            return (
              <li key={`${r.relationId}-${r.side}`} className="mention-row">
                {r.side === 'from' ? (
                  <span>
                    <strong>{r.quote}</strong> — {name} {arrow} {other}
                  </span>
                ) : (
                  <span>
                    {other} — {name} {arrow} <strong>{r.quote}</strong>
                  </span>
                )}{' '}
                <a className="hint" href={annotationHref(r.docId, r.otherAnnotationId)}>
                  {r.title}
                </a>
                {r.problems?.length ? (
                  <span className="relation-problem">
                    ⚠{' '}
                    {r.problems
                      .map((p) => {
                        const quote = 'side' in p ? (p.side === r.side ? r.quote : r.otherQuote) : '';
                        return t(`relation.problem.${p.kind}`, { quote, type: p.kind === 'type' ? p.type : name, ...(p.kind === 'label' ? { label: p.label, allowed: p.allowed.join(', ') } : {}) });
                      })
                      .join('; ')}
                  </span>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
