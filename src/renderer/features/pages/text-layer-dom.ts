import type { ItemSpan } from '../../../shared/model/pdf';
import type { Box } from './page-geometry';
import type { ItemPoint } from './page-offsets';

/** The viewer's page view of one page (pdf.js PDFPageView). */
export interface PageViewLike {
  id: number;
  div: HTMLDivElement;
  pdfPage?: { getTextContent(params: { includeMarkedContent: boolean; disableNormalization: boolean }): Promise<{ items: unknown[] }> } | null;
  textLayer?: { div: HTMLDivElement } | null;
  /** pdf.js hands every text layer's spans to this, one per text item in item order (TextLayerBuilder.render) */
  _textHighlighter?: { textDivs: HTMLElement[] | null; textContentItemsStr: string[] | null };
  viewport: { width: number; height: number; transform: number[] };
}

const SPAN = 'span[role="presentation"]';
const ITEM = 'span[data-item]';

/**
 * Marks each text span of a drawn text layer with the index of its text item (data-item). The
 * layer made one span per item (marked-content entries aside), read with the same parameters as
 * the importer (DESIGN.md "PDFs as pages"); it hands them to its highlighter in item order, so
 * span k is item k. Items with empty text get a span that is not in the DOM.
 * Reading the spans from there costs nothing; asking pdf.js for the page's text again (the
 * fallback) is a second extraction in the worker for every page drawn, which was most of the
 * main thread's work while scrolling (bench/RESULTS.md, page view).
 */
export async function tagTextLayer(pageView: PageViewLike): Promise<boolean> {
  const layer = pageView.textLayer?.div;
  if (!layer) return false;
  const { textDivs, textContentItemsStr } = pageView._textHighlighter ?? {};
  if (textDivs && textContentItemsStr && textDivs.length === textContentItemsStr.length) {
    textDivs.forEach((span, k) => {
      if (textContentItemsStr[k] !== '') span.dataset.item = String(k);
    });
    return true;
  }
  if (!pageView.pdfPage) return false;
  const { items } = await pageView.pdfPage.getTextContent({ includeMarkedContent: true, disableNormalization: true });
  const spans = layer.querySelectorAll<HTMLElement>(SPAN);
  let k = 0;
  let next = 0;
  for (const item of items as { str?: string }[]) {
    if (item.str === undefined) continue;
    if (item.str !== '') {
      const span = spans[next++];
      if (!span) break;
      span.dataset.item = String(k);
    }
    k++;
  }
  return true;
}

const pageOf = (el: Element | null) => el?.closest<HTMLElement>('.page[data-page-number]') ?? null;

/** The tagged span for item `item` on a page, when its text layer is drawn. */
export const itemSpan = (pageDiv: Element, item: number) => pageDiv.querySelector<HTMLElement>(`.textLayer ${ITEM}[data-item="${item}"]`);

/** Boxes (CSS px from the page's top-left, one per line) over characters of items on one page; null when its text layer is not drawn. */
export function itemSpanBoxes(pageDiv: HTMLElement, spans: readonly ItemSpan[]): Box[] | null {
  if (!pageDiv.querySelector(`.textLayer ${ITEM}`)) return null;
  const origin = pageDiv.getBoundingClientRect();
  const left = origin.left + pageDiv.clientLeft;
  const top = origin.top + pageDiv.clientTop;
  const boxes: Box[] = [];
  for (const span of spans) {
    const el = itemSpan(pageDiv, span.item);
    const node = el?.firstChild;
    if (!node || node.nodeType !== Node.TEXT_NODE) continue;
    const length = node.textContent?.length ?? 0;
    const range = document.createRange();
    range.setStart(node, Math.min(span.from, length));
    range.setEnd(node, Math.min(span.to, length));
    for (const r of range.getClientRects()) boxes.push({ left: r.left - left, top: r.top - top, right: r.right - left, bottom: r.bottom - top });
  }
  return boxes;
}

/** A boundary of a DOM selection in the page view as an item point; null outside every drawn text layer. */
export function boundaryPoint(node: Node, offset: number, side: 'start' | 'end', viewer: Element): ItemPoint | null {
  const element = node instanceof Element ? node : node.parentElement;
  const span = element?.closest<HTMLElement>(ITEM);
  const page = pageOf(span ?? null);
  if (span && page) {
    const before = document.createRange();
    before.setStart(span, 0);
    before.setEnd(node, offset);
    return { page: Number(page.dataset.pageNumber), item: Number(span.dataset.item), char: before.toString().length };
  }
  // Between spans (the layer itself, a line break, the end-of-content box): the next span for a start, the one before for an end.
  const spans = [...viewer.querySelectorAll<HTMLElement>(`.textLayer ${ITEM}`)];
  const ordered = side === 'start' ? spans : spans.reverse();
  for (const candidate of ordered) {
    const whole = document.createRange();
    whole.selectNodeContents(candidate);
    const where = whole.comparePoint(node, offset);
    const p = pageOf(candidate);
    if (!p) continue;
    if (side === 'start' && where < 0) return { page: Number(p.dataset.pageNumber), item: Number(candidate.dataset.item), char: 0 };
    if (side === 'end' && where > 0) return { page: Number(p.dataset.pageNumber), item: Number(candidate.dataset.item), char: candidate.textContent?.length ?? 0 };
  }
  return null;
}

/** The page (1-based) whose page box holds the point, in the viewer; null between pages. */
export function pageAtPoint(viewer: Element, x: number, y: number): HTMLElement | null {
  for (const el of document.elementsFromPoint(x, y)) {
    const page = pageOf(el);
    if (page && viewer.contains(page)) return page;
  }
  return null;
}

/** The items whose text spans have their middle inside a box on the page (CSS px from its top-left). */
export function itemsInBox(pageDiv: HTMLElement, box: { left: number; top: number; right: number; bottom: number }): Set<number> {
  const origin = pageDiv.getBoundingClientRect();
  const left = origin.left + pageDiv.clientLeft;
  const top = origin.top + pageDiv.clientTop;
  const items = new Set<number>();
  for (const span of pageDiv.querySelectorAll<HTMLElement>(`.textLayer ${ITEM}`)) {
    const r = span.getBoundingClientRect();
    const x = (r.left + r.right) / 2 - left;
    const y = (r.top + r.bottom) / 2 - top;
    if (x >= box.left && x <= box.right && y >= box.top && y <= box.bottom) items.add(Number(span.dataset.item));
  }
  return items;
}
