import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { itemPointToOffset, textRangeToItems } from '../../../shared/model/pdf';
import { checkMap } from '../test-support/pdf-map-check';
import { extractRawPdf } from './pdf-process';
import { layOut } from './pdf';

const FIXTURES = fileURLToPath(new URL('../../../../fixtures/', import.meta.url));
const bytes = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, name)));

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

const CORPUS = fileURLToPath(new URL('../../../../../shared/corpus/pdf/', import.meta.url));

describe.runIf(existsSync(CORPUS))('PDF source map on real PDFs (../shared/corpus)', () => {
  it.each(['tracemonkey.pdf', 'maint-guide.zh-cn.pdf'])('%s: every mapped character is its item character, and nearly all text is mapped', async (name) => {
    const raw = await extractRawPdf(new Uint8Array(readFileSync(join(CORPUS, name))), undefined);
    const doc = layOut(raw, name);
    const { mapped, wrong } = checkMap(raw, doc.text, doc.sourceMap);
    expect(wrong).toEqual([]);
    // Made-up characters are spaces, line breaks, the dot-leader "…" and form values: the rest is mapped.
    expect(mapped / doc.text.replace(/\s/g, '').length).toBeGreaterThan(0.99);
  }, 120_000);
});
