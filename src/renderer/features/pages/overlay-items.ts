import { textRangeToItems, type ItemSpan, type PdfSourceMap } from '../../../shared/model/pdf';
import type { Layer } from '../annotations/segments';
import type { LayerSource } from '../reader/layers';
import { mergeLineBoxes, placeRect, type Placement, type Transform } from './page-geometry';
import { itemSpanBoxes, type PageViewLike } from './text-layer-dom';

/** One box drawn over a page: part of an annotation, a mention, an area or a find hit. */
export interface OverlayItem {
  key: string;
  layer: Layer | { kind: 'area'; id: string; color: string; label?: string };
  place: Placement;
}

export interface Drawable {
  id: string;
  kind: 'highlight' | 'entity' | 'area';
  start: number;
  end: number;
  geometry?: { page: number; rects: [number, number, number, number][] }[];
}

/**
 * What each drawn page shows, in percent of the page. Text annotations and find hits are placed
 * over the text layer through the source map (so one made in the text view shows here); where
 * the layer is not drawn yet, or there is no map, the geometry cached with the annotation is used.
 */
export function overlayItems(
  pages: readonly PageViewLike[],
  source: LayerSource,
  drawables: ReadonlyMap<string, Drawable>,
  map: PdfSourceMap | null,
): Map<number, OverlayItem[]> {
  const out = new Map<number, OverlayItem[]>();
  if (pages.length === 0) return out;
  const drawn = new Map(pages.map((p) => [p.id, p]));
  const push = (page: number, item: OverlayItem) => {
    const list = out.get(page);
    if (list) list.push(item);
    else out.set(page, [item]);
  };

  const placeText = (key: string, layer: OverlayItem['layer'], start: number, end: number, geometry: Drawable['geometry']) => {
    const done = new Set<number>();
    if (map) {
      for (const [page, spans] of spansByPage(textRangeToItems(map, start, end))) {
        const view = drawn.get(page);
        if (!view) continue;
        const boxes = itemSpanBoxes(view.div, spans);
        if (!boxes) continue;
        done.add(page);
        const width = view.div.clientWidth || 1;
        const height = view.div.clientHeight || 1;
        mergeLineBoxes(boxes).forEach((b, i) =>
          push(page, { key: `${key}:${page}:${i}`, layer, place: { left: (b.left / width) * 100, top: (b.top / height) * 100, width: ((b.right - b.left) / width) * 100, height: ((b.bottom - b.top) / height) * 100 } }),
        );
      }
    }
    for (const g of geometry ?? []) {
      const view = drawn.get(g.page);
      if (!view || done.has(g.page)) continue;
      const { transform, width, height } = view.viewport;
      g.rects.forEach((r, i) => push(g.page, { key: `${key}:${g.page}:g${i}`, layer, place: placeRect(r, transform as unknown as Transform, width, height) }));
    }
  };

  for (const layer of source.annotations) {
    if (layer.kind === 'find' || layer.kind === 'suggestion' || layer.kind === 'uncertain') continue;
    const d = drawables.get(layer.id);
    if (!d || d.kind === 'area') continue;
    placeText(layer.id, layer, layer.start, layer.end, d.geometry);
  }
  for (const d of drawables.values()) {
    if (d.kind !== 'area') continue;
    const layer = source.annotations.find((l) => l.kind !== 'find' && l.kind !== 'suggestion' && l.kind !== 'uncertain' && l.id === d.id);
    const look = layer?.kind === 'mention' ? { color: layer.color, label: layer.label } : { color: layer?.kind === 'annotation' ? layer.color : 'yellow' };
    for (const g of d.geometry ?? []) {
      const view = drawn.get(g.page);
      if (!view) continue;
      const { transform, width, height } = view.viewport;
      g.rects.forEach((r, i) => push(g.page, { key: `${d.id}:${g.page}:a${i}`, layer: { kind: 'area', id: d.id, ...look }, place: placeRect(r, transform as unknown as Transform, width, height) }));
    }
  }
  if (map) {
    for (const hit of source.hits) {
      placeText(`find${hit.index}`, { kind: 'find', index: hit.index, start: hit.start, end: hit.end, current: hit.index === source.current }, hit.start, hit.end, undefined);
    }
  }
  return out;
}

function spansByPage(spans: readonly ItemSpan[]): Map<number, ItemSpan[]> {
  const byPage = new Map<number, ItemSpan[]>();
  for (const span of spans) {
    const list = byPage.get(span.page);
    if (list) list.push(span);
    else byPage.set(span.page, [span]);
  }
  return byPage;
}
