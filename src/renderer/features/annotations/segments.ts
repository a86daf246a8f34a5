import type { HighlightColor } from '../../../shared/model';

/** Something drawn over the text: a highlight, an entity mention, a suggestion, or a find hit. Offsets are UTF-16 units into text.txt. */
export type Layer =
  | { kind: 'annotation'; id: string; start: number; end: number; color: HighlightColor }
  /** `layer`: another annotator's mention, drawn read-only (#18) */
  | { kind: 'mention'; id: string; start: number; end: number; label: string; color: string; layer?: string }
  | { kind: 'suggestion'; index: number; start: number; end: number; label: string; color: string; current: boolean }
  | { kind: 'find'; index: number; start: number; end: number; current: boolean }
  /** a word OCR read with low confidence */
  | { kind: 'uncertain'; start: number; end: number };

/** Outermost first: uncertain OCR words, highlights, then mentions, then suggestions, find hits innermost. */
const KIND_ORDER: Record<Layer['kind'], number> = { uncertain: 0, annotation: 1, mention: 2, suggestion: 3, find: 4 };

/** A run of text covered by the same layers; layers go outermost first. */
export interface Segment {
  start: number;
  end: number;
  layers: Layer[];
}

/**
 * Splits [from, to) at every layer boundary. Overlaps render as nested marks: each segment
 * carries every layer that covers it, highlights outermost, then mentions and suggestions,
 * find hits innermost; within a kind earlier, longer spans go outside, so every annotation
 * keeps at least one element of its own wherever it shows.
 */
export function buildSegments(from: number, to: number, layers: readonly Layer[]): Segment[] {
  if (to <= from) return [];
  const inside = layers.filter((l) => l.end > from && l.start < to && l.end > l.start).sort(layerOrder);
  const cuts = new Set<number>([from, to]);
  for (const layer of inside) {
    cuts.add(Math.max(from, layer.start));
    cuts.add(Math.min(to, layer.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    segments.push({ start, end, layers: inside.filter((l) => l.start <= start && l.end >= end) });
  }
  return segments;
}

function layerOrder(a: Layer, b: Layer): number {
  if (a.kind !== b.kind) return KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
  return a.start - b.start || b.end - a.end || ('id' in a && 'id' in b ? a.id.localeCompare(b.id) : 0);
}

/** The spans of a list sorted by start that may touch [from, to): a binary search, for the many hits of a long document. */
export function spansTouching<T extends { start: number; end: number }>(sorted: readonly T[], from: number, to: number, maxLength = Infinity): T[] {
  let lo = 0;
  let hi = sorted.length;
  const earliest = maxLength === Infinity ? -Infinity : from - maxLength;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.start < earliest) lo = mid + 1;
    else hi = mid;
  }
  if (maxLength === Infinity) lo = 0;
  const out: T[] = [];
  for (let i = lo; i < sorted.length && sorted[i]!.start < to; i++) if (sorted[i]!.end > from) out.push(sorted[i]!);
  return out;
}
