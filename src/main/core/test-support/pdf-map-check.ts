import type { PdfSourceMap } from '../../../shared/model/pdf';
import type { RawPdf } from '../importers/pdf-process';

/** Every mapped character of the text equals the item character it points to, up to NFKC (ligatures, full-width forms). */
export function checkMap(raw: RawPdf, text: string, map: PdfSourceMap): { mapped: number; wrong: string[] } {
  let mapped = 0;
  const wrong: string[] = [];
  for (const page of map.pages) {
    const items = raw.pages[page.page - 1]!.items;
    for (let at = 0; at < page.runs.length; at += 4) {
      const [start, item, char, length] = page.runs.slice(at, at + 4) as [number, number, number, number];
      for (let k = 0; k < length; k++) {
        const stored = text[start + k]!;
        const source = items[item]![0][char + k] ?? '';
        mapped++;
        // TeX's spacing accents (na¨ıve) are put back on their letter: the letter maps to the accent.
        const accent = /^[¨´`ˆ˜¸ˇ]$/u.test(source) && stored.normalize('NFD').length > 1;
        // A dot leader becomes one "…" mapped to its first dot.
        const leader = stored === '…' && /^[.·・․‧⋯…]$/u.test(source);
        if (stored !== source && !accent && !leader && !source.normalize('NFKC').includes(stored) && stored.normalize('NFKC') !== source.normalize('NFKC')) {
          wrong.push(`${start + k}: ${JSON.stringify(stored)} ≠ ${JSON.stringify(source)} (page ${page.page} item ${item} char ${char + k})`);
        }
      }
    }
  }
  return { mapped, wrong };
}
