import { GOLD_LAYER, layerOf, type Annotation } from '../../../shared/model';
import { annotatorLayers } from './review-rows';

interface End {
  id: string;
  start: number;
  end: number;
  label: string;
}

/** One layer's relation as the reviewer sees it: its type and the two mentions it joins. */
export interface RelationVersion {
  id: string;
  layer: string;
  type: string;
  from: End;
  to: End;
}

/**
 * The relations the layers drew between the same stretches of text (both ends overlapping):
 * `agreed` every layer drew it between the same mentions with the same type; `type` the same
 * ends, another type; `boundary` ends overlapping but not the same (or one layer drew several);
 * `missing` some layers drew none there; `goldOnly` gold has a relation no annotator drew.
 */
export interface RelationRow {
  status: 'agreed' | 'type' | 'boundary' | 'missing' | 'goldOnly';
  missing: string[];
  versions: Record<string, RelationVersion[]>;
  gold: RelationVersion[];
}

const overlaps = (a: End, b: End) => a.start < b.end && b.start < a.end;
const at = (e: End) => `${e.start}:${e.end}`;

/** Every layer's placed relations with their ends, in text order of their first end. */
function versionsOf(annotations: readonly Annotation[], user: string): RelationVersion[] {
  const mentions = new Map(annotations.filter((a) => a.kind === 'entity' && !a.orphan && a.label).map((a) => [a.id, a]));
  const end = (m: Annotation): End => ({ id: m.id, start: m.target.start, end: m.target.end, label: m.label! });
  const out: RelationVersion[] = [];
  for (const r of annotations) {
    const from = r.kind === 'relation' ? mentions.get(r.from ?? '') : undefined;
    const to = r.kind === 'relation' ? mentions.get(r.to ?? '') : undefined;
    if (from && to && r.type) out.push({ id: r.id, layer: layerOf(r, user), type: r.type, from: end(from), to: end(to) });
  }
  return out.sort((a, b) => a.from.start - b.from.start || a.to.start - b.to.start || a.layer.localeCompare(b.layer));
}

/** The rows of the reviewer's relation table: the annotators' relations grouped by where they run, with gold's beside them. */
export function relationRows(
  annotations: readonly Annotation[],
  user: string,
  /** relation types with no direction: drawn either way round, they are the same relation */
  undirected: ReadonlySet<string> = new Set(),
): RelationRow[] {
  const either = (a: RelationVersion, b: RelationVersion) => undirected.has(a.type) && undirected.has(b.type);
  const sameEnds = (a: RelationVersion, b: RelationVersion) =>
    (overlaps(a.from, b.from) && overlaps(a.to, b.to)) || (either(a, b) && overlaps(a.from, b.to) && overlaps(a.to, b.from));
  const shape = (r: RelationVersion) => (undirected.has(r.type) ? [at(r.from), at(r.to)].sort().join('~') : `${at(r.from)}>${at(r.to)}`);
  const layers = annotatorLayers(annotations, user);
  const all = versionsOf(annotations, user);
  const groups: RelationVersion[][] = [];
  for (const r of all.filter((v) => v.layer !== GOLD_LAYER)) {
    const group = groups.find((g) => g.some((x) => sameEnds(x, r)));
    if (group) group.push(r);
    else groups.push([r]);
  }
  const gold = all.filter((v) => v.layer === GOLD_LAYER);
  const used = new Set<string>();
  const rows: RelationRow[] = groups.map((group) => {
    const drawn = new Set(group.map((r) => r.layer));
    const missing = layers.filter((l) => !drawn.has(l));
    const boundary = new Set(group.map(shape)).size > 1 || group.length > drawn.size;
    const type = new Set(group.map((r) => r.type)).size > 1;
    const over = gold.filter((g) => group.some((r) => sameEnds(r, g)));
    over.forEach((g) => used.add(g.id));
    return {
      status: boundary ? 'boundary' : type ? 'type' : missing.length ? 'missing' : 'agreed',
      missing,
      versions: Object.fromEntries(layers.map((l) => [l, group.filter((r) => r.layer === l)])),
      gold: over,
    };
  });
  for (const g of gold.filter((v) => !used.has(v.id))) rows.push({ status: 'goldOnly', missing: layers, versions: Object.fromEntries(layers.map((l) => [l, []])), gold: [g] });
  const first = (row: RelationRow) => [...Object.values(row.versions).flat(), ...row.gold][0]!;
  return rows.sort((a, b) => first(a).from.start - first(b).from.start || first(a).to.start - first(b).to.start);
}
