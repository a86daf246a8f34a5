import type { Annotation, RelationType } from '../../../shared/model';

/** A relation with its two mentions and its type, as the views show it. */
export interface ShownRelation {
  relation: Annotation;
  from: Annotation;
  to: Annotation;
  type: RelationType;
}

/** Relations of the list whose two mentions are placed, in text order of their first end. */
export function shownRelations(items: readonly Annotation[], types: readonly RelationType[]): ShownRelation[] {
  const byId = new Map(items.map((a) => [a.id, a]));
  const out: ShownRelation[] = [];
  for (const relation of items) {
    if (relation.kind !== 'relation') continue;
    const from = byId.get(relation.from ?? '');
    const to = byId.get(relation.to ?? '');
    if (!from || !to || from.orphan || to.orphan) continue;
    const type = types.find((t) => t.id === relation.type) ?? { id: relation.type ?? '', name: relation.type ?? '', color: '#4b5563', fromLabels: [], toLabels: [], directed: true };
    out.push({ relation, from, to, type });
  }
  return out.sort((a, b) => a.from.target.start - b.from.target.start || a.to.target.start - b.to.target.start);
}
