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

describe('pdf.map and area annotations through the contract', () => {
  it('answers the map, takes an empty area with its rectangle, and restores it after a delete', async () => {
    const { dispatch } = await import('./dispatch');
    const { createCore } = await import('./service');
    const dir = await tempDir();
    const core = await createCore({ archiveDir: dir, shell: 'browser', version: '0.0.0-test', emit: () => {} });
    const data = readFileSync(join(FIXTURES, 'pdf-two-column.pdf')).toString('base64');
    const imported = (await dispatch(core.handlers, 'import.files', { files: [{ name: 'paper.pdf', data }] })) as { value: { doc: { id: string } }[] };
    const docId = imported.value[0]!.doc.id;
    const map = (await dispatch(core.handlers, 'pdf.map', { id: docId })) as { ok: boolean; value: { pageCount: number } };
    expect(map).toMatchObject({ ok: true, value: { pageCount: 2 } });
    const created = (await dispatch(core.handlers, 'annotations.create', {
      docId,
      kind: 'area',
      start: 10,
      end: 10,
      color: 'green',
      geometry: [{ page: 2, rects: [[72, 600, 300, 700]] }],
    })) as { ok: boolean; value: { id: string; target: { quote: string }; geometry: unknown } };
    // The text inside the rectangle becomes its target: the left column's lines in it (the first line's baseline is at 700, its middle above).
    expect(created).toMatchObject({ ok: true, value: { kind: 'area', geometry: [{ page: 2, rects: [[72, 600, 300, 700]] }] } });
    expect(created.value.target.quote).toMatch(/^page in short lines of plain text, .* the left column comes to its end\.$/s);
    // Over a blank stretch (a seal, a figure) it stays empty.
    const blank = (await dispatch(core.handlers, 'annotations.create', { docId, kind: 'area', start: 5, end: 5, geometry: [{ page: 2, rects: [[72, 100, 300, 200]] }] })) as typeof created;
    expect(blank.value.target).toMatchObject({ start: 5, end: 5, quote: '' });
    await dispatch(core.handlers, 'annotations.delete', { docId, id: blank.value.id });
    const removed = (await dispatch(core.handlers, 'annotations.delete', { docId, id: created.value.id })) as { value: unknown };
    expect(await dispatch(core.handlers, 'annotations.restore', { docId, annotation: removed.value })).toMatchObject({ ok: true });
    expect(await dispatch(core.handlers, 'annotations.list', { docId })).toMatchObject({ ok: true, value: [{ id: created.value.id, kind: 'area' }] });
    await core.close();
  });
});
