import { existsSync, readFileSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { textRangeToItems } from '../../shared/model/pdf';
import { Archive } from './archive';
import { MAP_TEXT_DIFFERS } from './pdf-maps';
import { useTempDirs } from './test-support/temp-dir';

const tempDir = useTempDirs();
const FIXTURES = fileURLToPath(new URL('../../../fixtures/', import.meta.url));

async function archiveWithPdf(name = 'pdf-two-column.pdf') {
  const dir = await tempDir();
  const archive = await Archive.open(dir, { writable: true, owner: 'test' });
  const outcome = await archive.importFile({ name, bytes: new Uint8Array(readFileSync(join(FIXTURES, name))) });
  if (outcome.status !== 'imported') throw new Error(outcome.status);
  return { dir, archive, id: outcome.doc.id };
}

describe('PDF source maps in the archive', () => {
  it('stores the map with the document at import; none for other formats', async () => {
    const { dir, archive, id } = await archiveWithPdf();
    expect(existsSync(join(dir, 'docs', id, 'pages.json'))).toBe(true);
    const map = await archive.pdfMaps.get(id);
    expect(map?.pageCount).toBe(2);
    const { text } = await archive.get(id);
    const at = text.indexOf('right column');
    expect(textRangeToItems(map!, at, at + 5)[0]?.page).toBe(1);
    const txt = await archive.importFile({ name: 'a.txt', bytes: new TextEncoder().encode('plain text') });
    if (txt.status !== 'imported') throw new Error(txt.status);
    expect(await archive.pdfMaps.get(txt.doc.id)).toBeNull();
    await archive.close();
  });

  it('builds the map of a PDF imported before maps existed on first use, and keeps the annotations', async () => {
    const { dir, archive, id } = await archiveWithPdf();
    const stored = await archive.pdfMaps.get(id);
    const { text } = await archive.get(id);
    const start = text.indexOf('hyphenation');
    const note = await archive.annotations.create(id, { kind: 'highlight', start, end: start + 11 });
    await archive.close();
    // An archive from before: no pages.json.
    await rm(join(dir, 'docs', id, 'pages.json'));
    const old = await Archive.open(dir, { writable: true, owner: 'test' });
    expect(await old.pdfMaps.get(id)).toEqual(stored);
    expect(existsSync(join(dir, 'docs', id, 'pages.json'))).toBe(true);
    expect(await old.annotations.list(id)).toEqual([note]);
    expect(old.list().find((d) => d.id === id)?.notices).toBeUndefined();
    await old.close();
  });

  it('lays a rebuilt map onto stored text that an older importer made differently, says so, moves no annotation', async () => {
    const { dir, archive, id } = await archiveWithPdf();
    const { text } = await archive.get(id);
    const start = text.indexOf('right column');
    const note = await archive.annotations.create(id, { kind: 'highlight', start, end: start + 12 });
    await archive.close();
    await rm(join(dir, 'docs', id, 'pages.json'));
    // The old importer wrote one word differently, earlier in the text.
    const file = join(dir, 'docs', id, 'text.txt');
    const changed = (await readFile(file, 'utf8')).replace('hyphenation', 'hyphenatiom');
    await writeFile(file, changed);
    const old = await Archive.open(dir, { writable: true, owner: 'test' });
    const map = await old.pdfMaps.get(id);
    const spans = textRangeToItems(map!, start, start + 12);
    expect(spans.length).toBeGreaterThan(0);
    expect(old.list().find((d) => d.id === id)?.notices).toContain(MAP_TEXT_DIFFERS);
    expect(await old.annotations.list(id)).toEqual([note]);
    expect(await old.pdfMaps.reindex(id)).toBe('current');
    await old.close();
  });
});
