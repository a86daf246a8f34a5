import { ApiError } from '../../../shared/api';
import { GOLD_LAYER, layerOf, type Annotation } from '../../../shared/model';
import type { Archive } from '../archive';
import { newId } from '../ids';

/**
 * The reviewer's choice: copies annotations of any layer into the gold layer. A mention
 * chosen replaces the gold mentions it overlaps (the reviewer picked this version of that
 * stretch); a relation comes along when both its mentions are in gold. Choosing what gold
 * already holds adds nothing. Returns the gold annotations made, in one durable write.
 */
export async function acceptIntoGold(archive: Archive, docId: string, ids: readonly string[]): Promise<Annotation[]> {
  const user = archive.catalog.settings().team?.user;
  const now = new Date().toISOString();
  const made: Annotation[] = [];
  await archive.annotations.edit(docId, (list) => {
    const chosen = ids.map((id) => list.find((a) => a.id === id) ?? missing(id));
    let next = [...list];
    // gold copy of each chosen mention's id, for relations
    const copies = new Map<string, string>();
    for (const a of chosen) {
      if (a.kind === 'relation') continue;
      if (layerOf(a, user) === GOLD_LAYER) {
        copies.set(a.id, a.id);
        continue;
      }
      const gold = next.filter((g) => layerOf(g, user) === GOLD_LAYER && g.kind === a.kind);
      const same = gold.find((g) => g.target.start === a.target.start && g.target.end === a.target.end && g.label === a.label && g.color === a.color);
      if (same) {
        copies.set(a.id, same.id);
        continue;
      }
      if (a.kind === 'entity') {
        const replaced = new Set(gold.filter((g) => g.target.start < a.target.end && a.target.start < g.target.end).map((g) => g.id));
        next = next.filter((g) => !replaced.has(g.id) && !(g.kind === 'relation' && (replaced.has(g.from!) || replaced.has(g.to!))));
      }
      const copy = goldCopy(a, now);
      next.push(copy);
      made.push(copy);
      copies.set(a.id, copy.id);
    }
    for (const r of chosen.filter((a) => a.kind === 'relation' && layerOf(a, user) !== GOLD_LAYER)) {
      const from = copies.get(r.from!) ?? goldTwin(next, list, r.from!, user);
      const to = copies.get(r.to!) ?? goldTwin(next, list, r.to!, user);
      if (!from || !to) throw new ApiError('invalid_input', 'A relation goes into gold once both its mentions are there: choose them first (or with it).');
      if (next.some((g) => g.kind === 'relation' && layerOf(g, user) === GOLD_LAYER && g.from === from && g.to === to && g.type === r.type)) continue;
      const copy = { ...goldCopy(r, now), from, to };
      next.push(copy);
      made.push(copy);
    }
    return next.sort((a, b) => a.target.start - b.target.start || a.target.end - b.target.end);
  });
  return made;
}

function goldCopy(a: Annotation, now: string): Annotation {
  // Orphans and pending reviews stay with the annotator's copy: gold holds placed, decided text.
  const { orphan: _orphan, review: _review, ...rest } = a;
  return { ...rest, id: newId(), author: GOLD_LAYER, createdAt: now, updatedAt: now };
}

/** The gold mention that stands where an annotator's mention does (same span and label). */
function goldTwin(next: readonly Annotation[], list: readonly Annotation[], id: string, user: string | undefined): string | undefined {
  const m = list.find((a) => a.id === id);
  if (!m) return undefined;
  if (layerOf(m, user) === GOLD_LAYER) return m.id;
  return next.find((g) => layerOf(g, user) === GOLD_LAYER && g.kind === 'entity' && g.target.start === m.target.start && g.target.end === m.target.end && g.label === m.label)?.id;
}

function missing(id: string): never {
  throw new ApiError('not_found', `No annotation with id ${id} in this document.`);
}
