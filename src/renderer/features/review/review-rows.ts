import { compareLayers, type Comparison, type LayerMention } from '../../../shared/agreement';
import { GOLD_LAYER, layerOf, layersIn, type Annotation } from '../../../shared/model';

/** One stretch of text in the reviewer's table: each annotator's version, and gold's. */
export interface ReviewRow {
  start: number;
  end: number;
  status: Comparison['status'] | 'goldOnly';
  missing: string[];
  /** per annotator layer: its mentions in this stretch (none: missing there) */
  versions: Record<string, LayerMention[]>;
  gold: LayerMention[];
}

/** The annotators' layers of a document (entity mentions only), the user's own first; gold is not one of them. */
export function annotatorLayers(annotations: readonly Annotation[], user: string): string[] {
  return layersIn(mentionsOf(annotations), user).filter((l) => l !== GOLD_LAYER);
}

function mentionsOf(annotations: readonly Annotation[]): Annotation[] {
  return annotations.filter((a) => a.kind === 'entity' && !a.orphan && a.label);
}

const asMention = (a: Annotation, user: string): LayerMention => ({ id: a.id, layer: layerOf(a, user), start: a.target.start, end: a.target.end, label: a.label! });

/**
 * The stretches where annotators marked something (compareLayers), in text order, each with
 * the gold mentions over it; gold mentions over no annotator's are rows of their own.
 */
export function reviewRows(annotations: readonly Annotation[], user: string): ReviewRow[] {
  const layers = annotatorLayers(annotations, user);
  const all = mentionsOf(annotations).map((a) => asMention(a, user));
  const gold = all.filter((m) => m.layer === GOLD_LAYER);
  const used = new Set<string>();
  const rows: ReviewRow[] = compareLayers(
    all.filter((m) => m.layer !== GOLD_LAYER),
    layers,
  ).map((c) => {
    const over = gold.filter((g) => g.start < c.end && c.start < g.end);
    over.forEach((g) => used.add(g.id));
    const versions: Record<string, LayerMention[]> = {};
    for (const layer of layers) versions[layer] = c.mentions.filter((m) => m.layer === layer);
    return { start: c.start, end: c.end, status: c.status, missing: c.missing, versions, gold: over };
  });
  for (const g of gold.filter((m) => !used.has(m.id))) {
    rows.push({ start: g.start, end: g.end, status: 'goldOnly', missing: layers, versions: Object.fromEntries(layers.map((l) => [l, []])), gold: [g] });
  }
  return rows.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** A colour per layer, so a layer reads the same in every row; gold has its own. */
const LAYER_COLORS = ['#2563eb', '#d97706', '#059669', '#db2777', '#7c3aed', '#0891b2', '#65a30d', '#dc2626'];
export const GOLD_COLOR = '#a16207';
export const layerColor = (layers: readonly string[], layer: string) =>
  layer === GOLD_LAYER ? GOLD_COLOR : LAYER_COLORS[Math.max(0, layers.indexOf(layer)) % LAYER_COLORS.length]!;
