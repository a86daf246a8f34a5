import type { LabelledSpan } from './spans';

/** A mention of one layer, as the reviewer view compares them. */
export interface LayerMention extends LabelledSpan {
  id: string;
  layer: string;
}

/**
 * How the layers stand on one stretch of text where some layer marked something:
 * `agreed` every layer has the same span with the same label; `label` the same span in
 * every layer that marked it but with different labels; `boundary` the spans overlap but do
 * not start and end together; `missing` lists the layers that marked nothing there.
 * A stretch may differ in several ways at once: `status` names the first of boundary,
 * label, missing that applies.
 */
export interface Comparison {
  start: number;
  end: number;
  mentions: LayerMention[];
  missing: string[];
  boundary: boolean;
  label: boolean;
  status: 'agreed' | 'label' | 'boundary' | 'missing';
}

/**
 * Groups the mentions of all layers into stretches of overlapping text (transitively: A
 * overlaps B overlaps C is one stretch), in text order, and says how the layers differ in each.
 */
export function compareLayers(mentions: readonly LayerMention[], layers: readonly string[]): Comparison[] {
  const sorted = [...mentions].sort((a, b) => a.start - b.start || b.end - a.end || a.layer.localeCompare(b.layer));
  const groups: LayerMention[][] = [];
  let end = -1;
  for (const m of sorted) {
    if (groups.length && m.start < end) {
      groups[groups.length - 1]!.push(m);
      end = Math.max(end, m.end);
    } else {
      groups.push([m]);
      end = m.end;
    }
  }
  return groups.map((group) => {
    const marked = new Set(group.map((m) => m.layer));
    const missing = layers.filter((l) => !marked.has(l));
    const shapes = new Set(group.map((m) => `${m.start}:${m.end}`));
    // several mentions of one layer in a stretch are a boundary difference (one split what another joined)
    const boundary = shapes.size > 1 || group.length > marked.size;
    const label = new Set(group.map((m) => m.label)).size > 1;
    const status = boundary ? 'boundary' : label ? 'label' : missing.length ? 'missing' : 'agreed';
    return { start: group[0]!.start, end: Math.max(...group.map((m) => m.end)), mentions: group, missing, boundary, label, status };
  });
}
