import { itemPointToOffset, type PdfSourceMap } from '../../../shared/model/pdf';

/** A place in the page view's text: character `char` of text item (text div) `item` on `page` (1-based). */
export interface ItemPoint {
  page: number;
  item: number;
  char: number;
}

const RUN = 4;

/**
 * The text offset of a selection boundary on a page. Where the character was left out of the
 * text (a running head, a page number, a dot leader), the nearest character that is in the text,
 * inward: the next one for a start, the one before for an end (in item order on that page).
 */
export function pointToOffset(map: PdfSourceMap, point: ItemPoint, side: 'start' | 'end'): number | undefined {
  const exact = itemPointToOffset(map, point.page, point.item, point.char);
  if (exact !== undefined) return exact;
  const runs = map.pages.find((p) => p.page === point.page)?.runs ?? [];
  let best: { key: number; offset: number } | undefined;
  for (let at = 0; at < runs.length; at += RUN) {
    const [textStart, item, charStart, length] = [runs[at]!, runs[at + 1]!, runs[at + 2]!, runs[at + 3]!];
    if (side === 'start') {
      const after = item > point.item || (item === point.item && charStart >= point.char);
      const key = item * 1e7 + charStart;
      if (after && (!best || key < best.key)) best = { key, offset: textStart };
    } else {
      const before = item < point.item || (item === point.item && charStart + length <= point.char);
      const key = item * 1e7 + charStart + length;
      if (before && (!best || key > best.key)) best = { key, offset: textStart + length };
    }
  }
  return best?.offset;
}

/** A selection from `anchor` to `focus` on the pages as a text range [start, end); null when it covers no text. */
export function pointsToRange(map: PdfSourceMap, anchor: ItemPoint, focus: ItemPoint): { start: number; end: number } | null {
  const start = pointToOffset(map, anchor, 'start');
  const end = pointToOffset(map, focus, 'end');
  if (start === undefined || end === undefined) return null;
  const [from, to] = start <= end ? [start, end] : [end, start];
  return to > from ? { start: from, end: to } : null;
}

/** The page (1-based) a text offset stands on, from the blocks' page numbers; 1 for a text without them. */
export function pageOfBlockOffset(blocks: readonly { start: number; end: number; page?: number }[], offset: number): number {
  let page = 1;
  for (const block of blocks) {
    if (block.start > offset) break;
    if (block.page !== undefined) page = block.page;
  }
  return page;
}

/** The first text offset on a page or after it, from the blocks; null when no block is that far on. */
export function offsetOfPage(blocks: readonly { start: number; page?: number }[], page: number): number | null {
  return blocks.find((b) => b.page !== undefined && b.page >= page)?.start ?? null;
}

/** The text [start, end) copied from these items of a page (an area's text: the items inside its rectangle); null when none of it is in the text. */
export function itemsTextRange(map: PdfSourceMap, page: number, items: ReadonlySet<number>): { start: number; end: number } | null {
  const runs = map.pages.find((p) => p.page === page)?.runs ?? [];
  let start = Infinity;
  let end = -Infinity;
  for (let at = 0; at < runs.length; at += RUN) {
    if (!items.has(runs[at + 1]!)) continue;
    start = Math.min(start, runs[at]!);
    end = Math.max(end, runs[at]! + runs[at + 3]!);
  }
  return end > start ? { start, end } : null;
}
