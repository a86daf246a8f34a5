import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { itemPointToOffset, textRangeToItems, type PdfSourceMap } from '../../../shared/model/pdf';
import { extractRawPdf, type RawPdf } from './pdf-process';
import { layOut } from './pdf';

const FIXTURES = fileURLToPath(new URL('../../../../fixtures/', import.meta.url));
const bytes = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, name)));

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

async function mapOf(name: string) {
  const raw = await extractRawPdf(bytes(name), undefined);
  return { raw, doc: layOut(raw, name) };
}

describe('PDF source map', () => {
  it('maps every copied character of an English two-column PDF to its item character', async () => {
    const { raw, doc } = await mapOf('pdf-two-column.pdf');
    const { mapped, wrong } = checkMap(raw, doc.text, doc.sourceMap);
    expect(wrong).toEqual([]);
    // Everything but the made-up spaces and block breaks is mapped.
    const visible = doc.text.replace(/\s/g, '').length;
    expect(mapped).toBeGreaterThanOrEqual(visible);
    expect(doc.sourceMap.pageCount).toBe(2);
    // A word on page 2 maps to one item and back.
    const at = doc.text.indexOf('right column', doc.blocks[4]!.start);
    const spans = textRangeToItems(doc.sourceMap, at, at + 'right column'.length);
    expect(spans.every((s) => s.page === 2)).toBe(true);
    const back = itemPointToOffset(doc.sourceMap, 2, spans[0]!.item, spans[0]!.from);
    expect(back).toBe(at);
  });

  it('maps a Chinese page character for character', async () => {
    const { raw, doc } = await mapOf('pdf-chinese.pdf');
    const { mapped, wrong } = checkMap(raw, doc.text, doc.sourceMap);
    expect(wrong).toEqual([]);
    expect(mapped).toBe(doc.text.replace(/\s/g, '').length);
  });
});
