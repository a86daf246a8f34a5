/**
 * PDFs as pages (DESIGN.md "PDFs as pages"). The stored text stays the canonical model;
 * a PDF's source map ties each character of text.txt that was copied from the PDF to the
 * pdf.js text item it came from. Item k of a page is the k-th text item of
 * `page.getTextContent({ disableNormalization: true, includeMarkedContent: true })`
 * (marked-content begin/end entries do not count), which is text div k of the viewer's
 * text layer. Synthesised characters (spaces, newlines, joined hyphens) map to nothing.
 */

/** A rectangle in PDF user-space points on one page, [x0, y0, x1, y1] with x0 ≤ x1, y0 ≤ y1 (origin bottom-left, as `viewport.convertToPdfPoint` gives). */
export type PdfRect = [number, number, number, number];

/** Where an annotation stands on one page: rectangles in PDF points. Pages are 1-based. */
export interface PageGeometry {
  page: number;
  rects: PdfRect[];
}

/** One page of the source map. */
export interface PdfPageMap {
  /** 1-based */
  page: number;
  /** the PDF's own page label ("iv", "A-3"), where it has labels */
  label?: string;
  /**
   * Runs, flattened four numbers each: [textStart, item, charStart, length] — the `length`
   * UTF-16 units of text.txt from `textStart` are item `item`'s `str` from `charStart`.
   * Runs are sorted by textStart and do not overlap.
   */
  runs: number[];
  /** where the page's text came from: its text layer, OCR (issue 13), or nowhere (a page with no text) */
  source: 'text' | 'ocr' | 'none';
}

export interface PdfSourceMap {
  /** bumped when the way the map is made changes, so old maps are rebuilt on open */
  version: number;
  pageCount: number;
  pages: PdfPageMap[];
}

/** A stretch of one text item: characters [from, to) of item `item`'s str on page `page`. */
export interface ItemSpan {
  page: number;
  item: number;
  from: number;
  to: number;
}

const RUN = 4;

/** The item spans that the text range [start, end) was copied from, in text order (synthesised characters skipped). */
export function textRangeToItems(map: PdfSourceMap, start: number, end: number): ItemSpan[] {
  const spans: ItemSpan[] = [];
  if (end <= start) return spans;
  for (const page of map.pages) {
    const runs = page.runs;
    const count = runs.length / RUN;
    if (count === 0) continue;
    const first = runs[0]!;
    const lastRun = (count - 1) * RUN;
    if (runs[lastRun]! + runs[lastRun + 3]! <= start || first >= end) continue;
    for (let i = firstRunEndingAfter(runs, start); i < count; i++) {
      const at = i * RUN;
      const textStart = runs[at]!;
      const length = runs[at + 3]!;
      if (textStart >= end) break;
      const from = Math.max(start, textStart);
      const to = Math.min(end, textStart + length);
      if (to <= from) continue;
      const charStart = runs[at + 2]!;
      spans.push({ page: page.page, item: runs[at + 1]!, from: charStart + (from - textStart), to: charStart + (to - textStart) });
    }
  }
  return spans;
}

/**
 * The text offset of character `char` of item `item` on `page`, or undefined where that
 * character was left out of the text (running heads, page numbers, dot leaders).
 * `char` may equal the item's length (the end of a selection).
 */
export function itemPointToOffset(map: PdfSourceMap, page: number, item: number, char: number): number | undefined {
  const entry = map.pages.find((p) => p.page === page);
  if (!entry) return undefined;
  const runs = entry.runs;
  for (let at = 0; at < runs.length; at += RUN) {
    if (runs[at + 1] !== item) continue;
    const charStart = runs[at + 2]!;
    const length = runs[at + 3]!;
    if (char >= charStart && char <= charStart + length) return runs[at]! + (char - charStart);
  }
  return undefined;
}

/** The first page whose text holds `offset` (or the nearest page before it), 1-based; undefined for a map without text. */
export function pageOfOffset(map: PdfSourceMap, offset: number): number | undefined {
  let found: number | undefined;
  for (const page of map.pages) {
    if (page.runs.length === 0) continue;
    if (page.runs[0]! > offset) break;
    found = page.page;
  }
  return found;
}

function firstRunEndingAfter(runs: number[], offset: number): number {
  let lo = 0;
  let hi = runs.length / RUN;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const at = mid * RUN;
    if (runs[at]! + runs[at + 3]! <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
