import type { PdfBlock } from './pdf-paragraphs';

const PAGE_NUMBER = /^(?:page\s*)?[-–—]?\s*(?:\d{1,4}|[ivxlcdm]{1,6})\s*[-–—]?(?:\s*(?:of|\/)\s*\d{1,4})?$|^第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?$/iu;

/**
 * Removes page furniture: page numbers, and running headers or footers (the same
 * first or last line on at least three pages, digits aside). They interrupt the text
 * between pages and say nothing the page boundaries do not.
 */
export function dropFurniture(pages: PdfBlock[][]): PdfBlock[][] {
  const edgeCounts = new Map<string, number>();
  // Page numbers in running heads change from page to page: arabic or roman.
  const key = (b: PdfBlock): string => b.text.toLowerCase().replace(/\d+/g, '#').replace(/\b[ivxlcdm]+\b/g, '#');
  for (const blocks of pages) {
    const edges = new Set([blocks[0], blocks[blocks.length - 1]].filter((b) => b !== undefined).map(key));
    for (const k of edges) edgeCounts.set(k, (edgeCounts.get(k) ?? 0) + 1);
  }
  const repeated = (b: PdfBlock): boolean => pages.length >= 3 && b.lines === 1 && (edgeCounts.get(key(b)) ?? 0) >= 3;
  return pages.map((blocks) => {
    const out = [...blocks];
    for (let pass = 0; pass < 2; pass++) {
      const first = out[0];
      if (first && (PAGE_NUMBER.test(first.text) || repeated(first))) out.shift();
      const last = out[out.length - 1];
      if (last && (PAGE_NUMBER.test(last.text) || repeated(last))) out.pop();
    }
    return out;
  });
}

/**
 * Headings are short blocks set larger than the body text; the largest size is level 1.
 * The body size is the size most text is set in, by characters.
 */
export function markHeadings(blocks: PdfBlock[]): void {
  const bySize = new Map<number, number>();
  for (const b of blocks) {
    if (b.kind === 'code') continue;
    const size = Math.round(b.size * 2) / 2;
    bySize.set(size, (bySize.get(size) ?? 0) + b.text.length);
  }
  let body = 0;
  let most = -1;
  for (const [size, chars] of bySize) {
    if (chars > most) [body, most] = [size, chars];
  }
  if (body === 0) return;
  const candidates = blocks.filter(
    (b) => b.kind !== 'code' && b.size >= body * 1.12 && b.lines <= 3 && b.text.length <= 160 && /\p{L}/u.test(b.text),
  );
  const sizes = [...new Set(candidates.map((b) => Math.round(b.size * 2) / 2))].sort((a, b) => b - a);
  for (const b of candidates) {
    b.kind = 'heading';
    b.level = Math.min(6, sizes.indexOf(Math.round(b.size * 2) / 2) + 1);
  }
}


// TeX sets accents as a separate spacing glyph before the letter (na¨ıve, caf´e); put them
// back on the letter, so the word reads and searches as written. NFC composes the pair.
const SPACING_ACCENT: Record<string, string> = { '¨': '\u0308', '´': '\u0301', '`': '\u0300', ˆ: '\u0302', '˜': '\u0303', '¸': '\u0327', 'ˇ': '\u030c' };

export function fixSpacingAccents(text: string): string {
  if (!/[¨´`ˆ˜¸ˇ]/u.test(text)) return text;
  return text.replace(/(?<=\p{L})([¨´`ˆ˜¸ˇ])([a-zA-Zı])/gu, (_m, accent: string, letter: string) => (letter === 'ı' ? 'i' : letter) + SPACING_ACCENT[accent]);
}
