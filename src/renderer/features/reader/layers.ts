import type { Annotation, Label } from '../../../shared/model';
import { spansTouching, type Layer } from '../annotations/segments';
import { labelColor } from '../entities/label-keys';

/** What the reader draws over the text, prepared once per change so that each block only looks up its part. */
export interface LayerSource {
  annotations: Layer[];
  hits: { start: number; end: number; index: number }[];
  current: number;
  longestHit: number;
  /** words OCR read with low confidence, in text order */
  uncertain: { start: number; end: number }[];
}

/** Highlights and entity mentions placed in the current text (orphans have no place to show). */
export function annotationLayers(items: readonly Annotation[], labels: readonly Label[] = []): Layer[] {
  return items
    // Relations are drawn as arcs between their mentions (RelationArcs), not as marks.
    .filter((a) => !a.orphan && a.kind !== 'relation')
    .map((a): Layer =>
      a.kind === 'entity' || (a.kind === 'area' && a.label)
        ? { kind: 'mention', id: a.id, start: a.target.start, end: a.target.end, label: a.label ?? '', color: labelColor(labels, a.label) }
        : { kind: 'annotation', id: a.id, start: a.target.start, end: a.target.end, color: a.color ?? 'yellow' },
    );
}

/** Other annotators' entity mentions, drawn read-only beside the user's own (#18). */
export function otherLayerMarks(items: readonly Annotation[], labels: readonly Label[], user: string): Layer[] {
  return items
    .filter((a) => !a.orphan && a.kind !== 'relation' && a.label)
    .map((a): Layer => ({ kind: 'mention', id: a.id, start: a.target.start, end: a.target.end, label: a.label!, color: labelColor(labels, a.label), layer: a.author ?? user }));
}

/** A key that changes only when what is drawn changes (not when a comment is edited). */
export const layersKey = (items: readonly Annotation[]) =>
  items.map((a) => `${a.id}:${a.target.start}:${a.target.end}:${a.color ?? ''}:${a.label ?? ''}:${a.orphan ? 'o' : ''}`).join('|');

export function layerSource(annotations: Layer[], hits: readonly [number, number][], current: number, uncertain: { start: number; end: number }[] = []): LayerSource {
  let longestHit = 0;
  const spans = hits.map(([start, end], index) => {
    longestHit = Math.max(longestHit, end - start);
    return { start, end, index };
  });
  return { annotations, hits: spans, current, longestHit, uncertain };
}

export function layersIn(source: LayerSource, from: number, to: number): Layer[] {
  const layers: Layer[] = source.annotations.filter((l) => l.end > from && l.start < to);
  for (const word of spansTouching(source.uncertain, from, to, 64)) layers.push({ kind: 'uncertain', start: word.start, end: word.end });
  for (const hit of spansTouching(source.hits, from, to, source.longestHit)) {
    layers.push({ kind: 'find', index: hit.index, start: hit.start, end: hit.end, current: hit.index === source.current });
  }
  return layers;
}
