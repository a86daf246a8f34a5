import { PDF_MAP_VERSION, type PdfPageMap, type PdfRect, type PdfSourceMap } from '../../../shared/model/pdf';
import { itemStarts } from './pdf-lines';
import type { RawPdf } from './pdf-process';
import { retrace, type Traced } from './pdf-trace';

/** One block of the stored text with the traced text it was cleaned from. */
export interface MappedBlock {
  page: number;
  start: number;
  end: number;
  from: Traced;
}

// Cleaning a block (code indentation, collapsed spaces) can drop long runs of spaces.
const CLEAN_WINDOW = 64;

/**
 * The source map of a PDF's stored text: for each page, runs of text offsets whose
 * characters were copied from one text item, consecutive ones. Item k is the k-th text
 * item the worker read (marked-content entries are not items), as in the viewer.
 */
export function buildSourceMap(raw: RawPdf, text: string, blocks: MappedBlock[]): PdfSourceMap {
  const labels = pageLabels(raw.info.pageLabels, raw.pages.length);
  const pages: PdfPageMap[] = raw.pages.map((page, i) => ({
    page: i + 1,
    ...(labels?.[i] ? { label: labels[i] } : {}),
    runs: [],
    source: page.items.some(([str]) => str.trim()) ? 'text' : 'none',
    items: itemBoxes(page.items),
    view: [page.x0, page.y0, round(page.x0 + page.width), round(page.y0 + page.height)] as PdfRect,
    ...(page.rotate ? { rotate: page.rotate } : {}),
  }));
  const starts = raw.pages.map(itemStarts);
  for (const block of blocks) {
    const entry = pages[block.page - 1];
    const pageStarts = starts[block.page - 1];
    if (!entry || !pageStarts) continue;
    const src = retrace(block.from, text.slice(block.start, block.end), CLEAN_WINDOW);
    const runs = entry.runs;
    let prevSrc = -2;
    for (let k = 0; k < src.length; k++) {
      const p = src[k]!;
      if (p < 0) continue;
      const last = runs.length - 4;
      const offset = block.start + k;
      if (last >= 0 && p === prevSrc + 1 && runs[last]! + runs[last + 3]! === offset && p < pageStarts[runs[last + 1]! + 1]!) {
        runs[last + 3]!++;
      } else {
        const item = itemAt(pageStarts, p);
        runs.push(offset, item, p - pageStarts[item]!, 1);
      }
      prevSrc = p;
    }
  }
  return { version: PDF_MAP_VERSION, pageCount: raw.pages.length, pages };
}

// Baseline to ascent, from the origin, advance width and font size the worker reports.
function itemBoxes(items: RawPdf['pages'][number]['items']): number[] {
  const out: number[] = [];
  for (const [, x, y, width, size] of items) out.push(round(x), round(y - 0.2 * size), round(x + width), round(y + 0.8 * size));
  return out;
}

function itemAt(starts: number[], p: number): number {
  let lo = 0;
  let hi = starts.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= p) lo = mid;
    else hi = mid - 1;
  }
  // The last item starting at or before p: empty items before it share its start.
  return lo;
}

function pageLabels(labels: unknown, count: number): string[] | undefined {
  if (!Array.isArray(labels) || labels.length !== count) return undefined;
  const out = labels.map((l) => (typeof l === 'string' ? l : ''));
  // Labels that only repeat the page numbers say nothing.
  return out.every((l, i) => l === '' || l === String(i + 1)) ? undefined : out;
}

const round = (n: number): number => Math.round(n * 100) / 100;
