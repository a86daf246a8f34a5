import type { Annotation } from '../../../shared/model';

/**
 * What an edit did to annotations the user may not change: none may be added, removed or
 * changed, except their link to the entity registry (a merge, split or unlink of an entity
 * relinks every layer's mentions: the registry is the archive's, not a layer's).
 */
export function guardEdit(before: readonly Annotation[], after: readonly Annotation[], guard: (a: Annotation) => void): void {
  const old = new Map(before.map((a) => [a.id, a]));
  const kept = new Set<string>();
  const content = ({ entityId: _e, updatedAt: _u, ...rest }: Annotation) => JSON.stringify(rest);
  for (const a of after) {
    const prev = old.get(a.id);
    kept.add(a.id);
    if (!prev) guard(a);
    else if (prev !== a && content(prev) !== content(a)) {
      guard(prev);
      guard(a);
    }
  }
  for (const a of before) if (!kept.has(a.id)) guard(a);
}
