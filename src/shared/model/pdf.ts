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
  /**
   * Approximate boxes of the page's text items, flattened four numbers each [x0, y0, x1, y1]
   * in PDF points (item k at 4k): baseline to ascent, for computing rectangles of a text
   * range without rendering (exports, CLI, annotations made in the text view).
   */
  items?: number[];
  /** the page's view box in PDF points ([x0, y0, x1, y1], page.view), and its /Rotate */
  view?: PdfRect;
  rotate?: number;
  /** for pages read by OCR: each item's (word's) confidence, 0–100; below LOW_OCR_CONFIDENCE a word is uncertain */
  confidence?: number[];
}

export const LOW_OCR_CONFIDENCE = 60;

/** Maps made by an older importer are rebuilt from original.pdf when asked for (pdf.map, reindex). */
export const PDF_MAP_VERSION = 1;

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

/**
 * Rectangles (PDF points) of the text range [start, end), per page: each item span's share
 * of its item's box, proportional to characters (exact enough to cite and to draw until
 * the text layer gives the real ones). Spans on one line of one item merge.
 */
export function textRangeToGeometry(map: PdfSourceMap, start: number, end: number): PageGeometry[] {
  const out: PageGeometry[] = [];
  const lengths = new Map<string, number>();
  for (const span of textRangeToItems(map, start, end)) {
    const page = map.pages.find((p) => p.page === span.page);
    const box = page?.items;
    if (!page || !box || box.length < span.item * 4 + 4) continue;
    const key = `${span.page}:${span.item}`;
    let length = lengths.get(key);
    if (length === undefined) {
      length = itemLength(page, span.item);
      lengths.set(key, length);
    }
    const [x0, y0, x1, y1] = box.slice(span.item * 4, span.item * 4 + 4) as PdfRect;
    const share = (c: number): number => x0 + ((x1 - x0) * Math.min(c, length)) / Math.max(1, length);
    const rect: PdfRect = [round2(share(span.from)), y0, round2(share(span.to)), y1];
    let geometry = out[out.length - 1];
    if (!geometry || geometry.page !== span.page) out.push((geometry = { page: span.page, rects: [] }));
    const last = geometry.rects[geometry.rects.length - 1];
    if (last && last[1] === rect[1] && last[3] === rect[3] && Math.abs(last[2] - rect[0]) < 2) last[2] = Math.max(last[2], rect[2]);
    else geometry.rects.push(rect);
  }
  return out;
}

// The length of an item's str as far as the map knows it: the end of its last mapped run.
// Characters after it (a trailing space) were not copied; proportions stay close enough.
function itemLength(page: PdfPageMap, item: number): number {
  let length = 0;
  for (let at = 0; at < page.runs.length; at += RUN) if (page.runs[at + 1] === item) length = Math.max(length, page.runs[at + 2]! + page.runs[at + 3]!);
  return length;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** The text offsets [start, end) whose characters lie inside `rect` on `page` (centre of each character's share of its item box), or undefined. */
export function rectToTextRange(map: PdfSourceMap, page: number, rect: PdfRect): { start: number; end: number } | undefined {
  const entry = map.pages.find((p) => p.page === page);
  if (!entry?.items) return undefined;
  let start = Infinity;
  let end = -Infinity;
  const lengths = new Map<number, number>();
  for (let at = 0; at < entry.runs.length; at += RUN) {
    const item = entry.runs[at + 1]!;
    const box = entry.items.slice(item * 4, item * 4 + 4);
    if (box.length < 4) continue;
    const [x0, y0, x1, y1] = box as PdfRect;
    const midY = (y0 + y1) / 2;
    if (midY < rect[1] || midY > rect[3]) continue;
    let length = lengths.get(item);
    if (length === undefined) lengths.set(item, (length = itemLength(entry, item)));
    const textStart = entry.runs[at]!;
    const charStart = entry.runs[at + 2]!;
    for (let k = 0; k < entry.runs[at + 3]!; k++) {
      const c = charStart + k + 0.5;
      const x = x0 + ((x1 - x0) * c) / Math.max(1, length);
      if (x < rect[0] || x > rect[2]) continue;
      start = Math.min(start, textStart + k);
      end = Math.max(end, textStart + k + 1);
    }
  }
  return start === Infinity ? undefined : { start, end };
}

/** The page's label where the PDF has labels, else its number. */
export function pageLabel(map: PdfSourceMap | null | undefined, page: number): string {
  return map?.pages.find((p) => p.page === page)?.label || String(page);
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
