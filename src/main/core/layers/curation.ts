import { ApiError } from '../../../shared/api';
import { GOLD_LAYER, layerOf, type Annotation } from '../../../shared/model';
import type { Archive } from '../archive';
import { newId } from '../ids';

/** What one choice did to gold: the copies made and the gold annotations they replaced (for undo). */
export interface Curation {
  made: Annotation[];
  replaced: Annotation[];
}

/**
 * The reviewer's choice: copies annotations of any layer into the gold layer. A mention
 * chosen replaces the gold mentions it overlaps (the reviewer picked this version of that
 * stretch). A relation chosen joins gold's mentions at its ends: the one standing exactly
 * where its mention does, else the one sharing most text with it (the version the reviewer
 * already chose there), else its own mention comes along into gold. Choosing what gold
 * already holds adds nothing. One durable write; answers what was made and what it replaced.
 */
export async function acceptIntoGold(archive: Archive, docId: string, ids: readonly string[]): Promise<Curation> {
  const user = archive.catalog.settings().team?.user;
  await archive.layerRights.check([{ author: GOLD_LAYER, kind: 'entity' }]);
  const now = new Date().toISOString();
  const made: Annotation[] = [];
  const replaced: Annotation[] = [];
  const isGold = (a: Annotation) => layerOf(a, user) === GOLD_LAYER;
  const undirected = new Set(archive.relations.types().filter((t) => !t.directed).map((t) => t.id));
  await archive.annotations.edit(docId, (list) => {
    const chosen = ids.map((id) => list.find((a) => a.id === id) ?? missing(id));
    let next = [...list];
    // gold copy of each chosen mention's id, for relations
    const copies = new Map<string, string>();
    const take = (a: Annotation) => {
      if (isGold(a)) return a.id;
      const gold = next.filter((g) => isGold(g) && g.kind === a.kind);
      const same = gold.find((g) => g.target.start === a.target.start && g.target.end === a.target.end && g.label === a.label && g.color === a.color);
      if (same) return same.id;
      if (a.kind === 'entity') {
        const over = new Set(gold.filter((g) => g.target.start < a.target.end && a.target.start < g.target.end).map((g) => g.id));
        const out = next.filter((g) => over.has(g.id) || (g.kind === 'relation' && (over.has(g.from!) || over.has(g.to!))));
        for (const g of out) {
          // a copy made earlier in this same choice is simply not made; anything older was replaced
          if (made.includes(g)) made.splice(made.indexOf(g), 1);
          else replaced.push(g);
        }
        next = next.filter((g) => !out.includes(g));
      }
      const copy = goldCopy(a, now);
      next.push(copy);
      made.push(copy);
      return copy.id;
    };
    for (const a of chosen) if (a.kind !== 'relation') copies.set(a.id, take(a));
    /** Gold's mention for a relation's end: the copy just made, its twin, the gold mention sharing most text, or a copy of it. */
    const end = (id: string) => {
      const known = copies.get(id);
      if (known) return known;
      const m = list.find((a) => a.id === id);
      if (!m || m.kind !== 'entity') throw new ApiError('invalid_input', `The relation's end ${id} is no entity mention of this document.`);
      if (isGold(m)) return m.id;
      const shared = (g: Annotation) => Math.min(g.target.end, m.target.end) - Math.max(g.target.start, m.target.start);
      const near = next.filter((g) => isGold(g) && g.kind === 'entity' && shared(g) > 0).sort((x, y) => shared(y) - shared(x) || Number(y.label === m.label) - Number(x.label === m.label));
      const id2 = near[0]?.id ?? take(m);
      copies.set(id, id2);
      return id2;
    };
    for (const r of chosen.filter((a) => a.kind === 'relation' && !isGold(a))) {
      const from = end(r.from!);
      const to = end(r.to!);
      if (from === to) throw new ApiError('invalid_input', 'Both ends of this relation fall on one gold mention: choose the mentions first.');
      const joins = (g: Annotation) => (g.from === from && g.to === to) || (undirected.has(g.type!) && g.from === to && g.to === from);
      if (next.some((g) => g.kind === 'relation' && isGold(g) && g.type === r.type && joins(g))) continue;
      const fromMention = next.find((g) => g.id === from)!;
      const copy = { ...goldCopy(r, now), from, to, target: { ...fromMention.target } };
      next.push(copy);
      made.push(copy);
    }
    return next.sort((a, b) => a.target.start - b.target.start || a.target.end - b.target.end);
  });
  return { made, replaced };
}

function goldCopy(a: Annotation, now: string): Annotation {
  // Orphans and pending reviews stay with the annotator's copy: gold holds placed, decided text.
  const { orphan: _orphan, review: _review, ...rest } = a;
  return { ...rest, id: newId(), author: GOLD_LAYER, createdAt: now, updatedAt: now };
}

function missing(id: string): never {
  throw new ApiError('not_found', `No annotation with id ${id} in this document.`);
}
