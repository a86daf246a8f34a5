import { textRangeToItems, type PageGeometry, type PdfSourceMap } from '../../../shared/model/pdf';
import { boxToPdfRect, mergeLineBoxes, type Box, type Transform } from './page-geometry';
import { pointsToRange } from './page-offsets';
import type { PageSelection } from './page-view-registry';
import { boundaryPoint, itemSpanBoxes, type PageViewLike } from './text-layer-dom';

/**
 * The DOM selection in the page view's text layers as the annotation model stores it: text
 * offsets through the source map, plus the rectangles (PDF points, one per line) of the mapped
 * characters on each page. Null when nothing in a text layer is selected or it covers no text.
 */
export function readPageSelection(viewerEl: Element, map: PdfSourceMap, pageView: (page: number) => PageViewLike | undefined): PageSelection | null {
  const points = selectedPoints(viewerEl);
  if (!points) return null;
  const { anchor, focus } = points;
  const offsets = pointsToRange(map, anchor, focus);
  if (!offsets) return null;
  return { ...offsets, geometry: rangeGeometry(map, offsets.start, offsets.end, pageView) };
}

/**
 * What a copy of the selection should put on the clipboard when it touches a page read by OCR:
 * the stored text of the selected range. A scan's words are separate boxes in its text layer,
 * so the browser's own copy runs them together ("thecommitteeapproved"); the stored text has
 * the spaces between English words and none between Chinese characters. Null (the browser's
 * copy) for selections only on pages with their own text layer, which pdf.js spaces itself.
 */
export function selectedScanText(viewerEl: Element, map: PdfSourceMap, text: string): string | null {
  const points = selectedPoints(viewerEl);
  if (!points) return null;
  const { anchor, focus } = points;
  const scanned = (page: number) => map.pages.find((p) => p.page === page)?.source === 'ocr';
  let touchesScan = false;
  for (let page = Math.min(anchor.page, focus.page); page <= Math.max(anchor.page, focus.page) && !touchesScan; page++) touchesScan = scanned(page);
  if (!touchesScan) return null;
  const offsets = pointsToRange(map, anchor, focus);
  return offsets ? text.slice(offsets.start, offsets.end) : null;
}

/** Where the text [start, end) stands on the drawn pages, in PDF points. */
export function rangeGeometry(map: PdfSourceMap, start: number, end: number, pageView: (page: number) => PageViewLike | undefined): PageGeometry[] {
  const byPage = new Map<number, ReturnType<typeof textRangeToItems>>();
  for (const span of textRangeToItems(map, start, end)) byPage.set(span.page, [...(byPage.get(span.page) ?? []), span]);
  const geometry: PageGeometry[] = [];
  for (const [page, spans] of byPage) {
    const view = pageView(page);
    const boxes = view ? itemSpanBoxes(view.div, spans) : null;
    if (!view || !boxes) continue;
    const rects = mergeLineBoxes(boxes).map((box) => boxToPdfRect(toViewport(box, view), view.viewport.transform as unknown as Transform));
    if (rects.length) geometry.push({ page, rects });
  }
  return geometry;
}

/** A box measured on the page in CSS px, in the viewport's px (the same unless the page box is stretched). */
export function toViewport(box: Box, view: PageViewLike): Box {
  const sx = view.viewport.width / (view.div.clientWidth || view.viewport.width);
  const sy = view.viewport.height / (view.div.clientHeight || view.viewport.height);
  return { left: box.left * sx, top: box.top * sy, right: box.right * sx, bottom: box.bottom * sy };
}

/** Where the DOM selection starts and ends in the page view's text layers; null when it is empty or elsewhere. */
function selectedPoints(viewerEl: Element) {
  const selection = document.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!range.intersectsNode(viewerEl)) return null;
  const anchor = boundaryPoint(range.startContainer, range.startOffset, 'start', viewerEl);
  const focus = boundaryPoint(range.endContainer, range.endOffset, 'end', viewerEl);
  return anchor && focus ? { anchor, focus } : null;
}
