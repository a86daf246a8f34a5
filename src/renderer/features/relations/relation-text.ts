import type { Annotation, RelationType } from '../../../shared/model';
import { relationProblems, type RelationProblem } from '../../../shared/relations/relation-check';

/** A relation with its two mentions and its type, as the views show it. */
export interface ShownRelation {
  relation: Annotation;
  from: Annotation;
  to: Annotation;
  type: RelationType;
  /** what changed since it was made (an end relabelled, not placed in a new version…): shown, never fixed silently */
  problems: RelationProblem[];
}

/**
 * Relations of the list with both their mentions, in text order of their first end; a
 * relation whose mention a new version could not place is listed (flagged), not drawn.
 */
export function shownRelations(items: readonly Annotation[], types: readonly RelationType[]): ShownRelation[] {
  const byId = new Map(items.map((a) => [a.id, a]));
  const out: ShownRelation[] = [];
  for (const relation of items) {
    if (relation.kind !== 'relation') continue;
    const from = byId.get(relation.from ?? '');
    const to = byId.get(relation.to ?? '');
    if (!from || !to) continue; // deleting a mention deletes its relations: nothing to show
    const known = types.find((t) => t.id === relation.type);
    const type = known ?? { id: relation.type ?? '', name: relation.type ?? '', color: '#4b5563', fromLabels: [], toLabels: [], directed: true };
    // Before the settings' types have come, an unknown type is not yet "gone".
    const problems = relationProblems(relation, from, to, known ?? (types.length ? undefined : type));
    out.push({ relation, from, to, type, problems });
  }
  return out.sort((a, b) => a.from.target.start - b.from.target.start || a.to.target.start - b.to.target.start);
}

/** The words for a relation's problems, one string ("" when there are none). */
export function problemText(shown: ShownRelation, t: (key: string, values?: Record<string, string>) => string): string {
  return shown.problems
    .map((p) => {
      if (p.kind === 'type') return t('relation.problem.type', { type: p.type });
      if (p.kind === 'missing') return t('relation.problem.missing');
      const end = p.side === 'from' ? shown.from : shown.to;
      const quote = end.target.quote;
      if (p.kind === 'label') return t('relation.problem.label', { quote, label: p.label, type: shown.type.name, allowed: p.allowed.join(', ') });
      return t(`relation.problem.${p.kind}`, { quote });
    })
    .join('; ');
}
