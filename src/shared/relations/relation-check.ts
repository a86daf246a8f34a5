import type { Annotation, RelationType } from '../model';

/**
 * What is wrong with a relation now that its mentions may have changed since it was made:
 * a mention relabelled to a label the type does not allow at that end (Lin Jian retagged
 * ORG under "Works for": PERSON → ORG), a mention a new version could not place (orphan) or
 * placed on different text (under review), an end gone, or a type removed from the
 * settings. The relation is kept and flagged; the user decides.
 */
export type RelationProblem =
  | { kind: 'label'; side: 'from' | 'to'; label: string; allowed: readonly string[] }
  | { kind: 'orphan' | 'review' | 'missing'; side: 'from' | 'to' }
  | { kind: 'type'; type: string };

const fits = (label: string | undefined, allowed: readonly string[]) => allowed.length === 0 || (label !== undefined && allowed.includes(label));

export function relationProblems(relation: Annotation, from: Annotation | undefined, to: Annotation | undefined, type: RelationType | undefined): RelationProblem[] {
  const problems: RelationProblem[] = [];
  for (const [side, end] of [['from', from], ['to', to]] as const) {
    if (!end || end.kind !== 'entity') problems.push({ kind: 'missing', side });
    else if (end.orphan) problems.push({ kind: 'orphan', side });
    else if (end.review) problems.push({ kind: 'review', side });
  }
  if (!type) return [...problems, { kind: 'type', type: relation.type ?? '' }];
  if (!from || !to) return problems;
  const forward = fits(from.label, type.fromLabels) && fits(to.label, type.toLabels);
  // An undirected type reads both ways: either order of its ends may fit.
  const backward = !type.directed && fits(to.label, type.fromLabels) && fits(from.label, type.toLabels);
  if (!forward && !backward) {
    if (!fits(from.label, type.fromLabels)) problems.push({ kind: 'label', side: 'from', label: from.label ?? '', allowed: type.fromLabels });
    if (!fits(to.label, type.toLabels)) problems.push({ kind: 'label', side: 'to', label: to.label ?? '', allowed: type.toLabels });
  }
  return problems;
}
