import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Archive } from '../archive';
import { useTempDirs } from '../test-support/temp-dir';
import { checkMap } from '../test-support/pdf-map-check';
import { extractRawPdf } from './pdf-process';
import { layOut, parsePdf, type ParsedPdf } from './pdf';

const FIXTURES = fileURLToPath(new URL('../../../../fixtures/', import.meta.url));
const bytes = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, name)));
const pageTexts = (doc: ParsedPdf, page: number): string[] => doc.blocks.filter((_, i) => doc.blockPages[i] === page).map((b) => doc.text.slice(b.start, b.end));
const tempDir = useTempDirs();

// fixtures/pdf-text-fixes.pdf (made by fixtures/pdf-make.py): one page per fix of issue 12.
describe('PDF text fixes', () => {
  it('maps ligatures and full-width punctuation to the characters they came from', async () => {
    const raw = await extractRawPdf(bytes('pdf-text-fixes.pdf'), undefined);
    // The raw items are what the viewer's text layer shows: the ligature glyphs themselves.
    expect(raw.pages[0]!.items.map(([str]) => str)).toContain('The ﬁnal ﬂoor of the ﬁeld.');
    const doc = layOut(raw, 'fixes.pdf');
    expect(pageTexts(doc, 1)).toEqual(['Ligatures', 'The final floor of the field.', '注意（重要）：请勿吸烟！']);
    const { mapped, wrong } = checkMap(raw, doc.text, doc.sourceMap);
    expect(wrong).toEqual([]);
    expect(mapped).toBeGreaterThan(0);
    // "fi" of "final" both map to the one ligature character, item-wise.
    const at = doc.text.indexOf('final');
    const runs = doc.sourceMap.pages[0]!.runs;
    const sourceOf = (offset: number) => {
      for (let r = 0; r < runs.length; r += 4) if (offset >= runs[r]! && offset < runs[r]! + runs[r + 3]!) return [runs[r + 1], runs[r + 2]! + offset - runs[r]!];
      return undefined;
    };
    expect(sourceOf(at)).toEqual(sourceOf(at + 1));
    expect(sourceOf(at + 2)![1]).toBe(sourceOf(at)![1]! + 1);
  });

  it('takes the spaces out of a letter-spaced Chinese line, so a phrase search finds it', async () => {
    const dir = await tempDir();
    const archive = await Archive.open(dir, { writable: true, owner: 'test' });
    const outcome = await archive.importFile({ name: 'fixes.pdf', bytes: bytes('pdf-text-fixes.pdf') });
    if (outcome.status !== 'imported') throw new Error(outcome.status);
    const { text } = await archive.get(outcome.doc.id);
    expect(text).toContain('目录\n\n数据管理规范\n\n');
    const found = await archive.search.search('"数据管理规范"', { limit: 10 });
    expect(found.total).toBeGreaterThan(0);
    await archive.close();
  });

  it('reads side-by-side text boxes box by box, collapses dot leaders, keeps form values, flags junk text', async () => {
    const doc = await parsePdf(bytes('pdf-text-fixes.pdf'), 'fixes.pdf');
    expect(pageTexts(doc, 3)).toEqual([
      'Two boxes side by side',
      'Left 1 is the first line of the left box, and it goes on as Left 2 below it.',
      'Right 1 is the first line of the right box, and it goes on as Right 2 below it.',
    ]);
    expect(pageTexts(doc, 4)).toEqual(['Contents', 'Introduction … 1', 'Methods … 7', 'Results … 12']);
    expect(pageTexts(doc, 5)).toEqual(['Application form', 'Name of the applicant:', 'Jane Q. Doe']);
    expect(doc.notices).toEqual([
      'Page 6: the fonts have no usable text mapping, so the text extracted there is junk; the page needs OCR to be read.',
    ]);
  });

  it('keeps the PDF’s page labels in the map', async () => {
    const doc = await parsePdf(bytes('pdf-text-fixes.pdf'), 'fixes.pdf');
    expect(doc.sourceMap.pages.map((p) => p.label)).toEqual(['i', 'ii', '1', '2', '3', '4']);
  });

  it('reads on past a damaged page and names it', async () => {
    const doc = await parsePdf(bytes('pdf-damaged-page.pdf'), 'damaged.pdf');
    expect(doc.text).toBe('The first page is fine.\n\nThe third page is fine too.');
    expect(doc.blockPages).toEqual([1, 3]);
    expect(doc.notices).toHaveLength(1);
    expect(doc.notices![0]).toMatch(/^Page 2 is damaged \(.+\): the text there is missing or incomplete; the other pages were read\.$/);
    expect(doc.sourceMap.pageCount).toBe(3);
  });
});
