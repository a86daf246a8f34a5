import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../shared/model';
import { Archive } from './archive';
import { reanchorAnnotations } from './versions';
import { useTempDirs } from './test-support/temp-dir';

const tempDir = useTempDirs();
const bytes = (s: string) => new TextEncoder().encode(s);

const V1 = [
  'Annual report',
  '',
  'The institute opened a new laboratory for stem cell research in March.',
  '',
  'Funding from the city reached 12 million yuan, a record for the institute.',
  '',
  'A paragraph that the next version removes entirely, with its highlight.',
].join('\n');

const V2 = [
  'Annual report',
  '',
  'A new opening paragraph pushes everything down by a good number of characters.',
  '',
  'The institute opened a new laboratory for stem-cell research in March.',
  '',
  'Funding from the city reached 12 million yuan, a record for the institute.',
].join('\n');

async function setUp() {
  const dir = await tempDir();
  const archive = await Archive.open(dir, { writable: true, owner: 'test' });
  const first = await archive.importFile({ name: 'report.txt', bytes: bytes(V1) });
  if (first.status !== 'imported') throw new Error(first.status);
  const docId = first.doc.id;
  const { text } = await archive.get(docId);
  const at = (quote: string) => ({ start: text.indexOf(quote), end: text.indexOf(quote) + quote.length });
  const funding = await archive.annotations.create(docId, { kind: 'highlight', ...at('12 million yuan') });
  const stem = await archive.annotations.create(docId, { kind: 'highlight', ...at('stem cell research') });
  const gone = await archive.annotations.create(docId, { kind: 'highlight', ...at('removes entirely') });
  await archive.catalog.updateMeta(docId, { title: 'Report 2023 (my title)' });
  return { dir, archive, docId, funding, stem, gone };
}

describe('new versions of a document', () => {
  it('offers a file with a known source name as a version instead of storing it', async () => {
    const { archive, docId } = await setUp();
    const outcome = await archive.importFile({ name: '/elsewhere/report.txt', bytes: bytes(V2) });
    expect(outcome).toMatchObject({ status: 'version-candidate', doc: { id: docId } });
    expect(archive.list()).toHaveLength(1);
    const separate = await archive.importFile({ name: '/elsewhere/report.txt', bytes: bytes(V2), separate: true });
    expect(separate.status).toBe('imported');
    await archive.close();
  });

  it('carries annotations over, lists what it cannot place as orphans, and keeps the old version', async () => {
    const { dir, archive, docId, funding, stem, gone } = await setUp();
    const outcome = await archive.importFile({ name: 'report-v2.txt', bytes: bytes(V2), asVersionOf: docId });
    expect(outcome).toMatchObject({ status: 'new-version', doc: { id: docId, version: 2, title: 'Report 2023 (my title)' }, anchoring: { exact: 0, moved: 1, fuzzy: 1, orphaned: 1 } });
    const { text } = await archive.get(docId);
    expect(text).toBe((await readFile(join(dir, 'docs', docId, 'text.txt'), 'utf8')));
    const byId = new Map((await archive.annotations.list(docId)).map((a) => [a.id, a]));
    expect(byId.get(funding.id)!.target.quote).toBe('12 million yuan');
    expect(text.slice(byId.get(funding.id)!.target.start, byId.get(funding.id)!.target.end)).toBe('12 million yuan');
    expect(byId.get(stem.id)!.target.quote).toBe('stem-cell research');
    expect(byId.get(stem.id)!.orphan).toBeUndefined();
    expect(byId.get(gone.id)!.orphan).toBeDefined();
    expect(byId.get(gone.id)!.target.quote).toBe('removes entirely');
    expect(await readdir(join(dir, 'docs', docId, 'versions', '1'))).toEqual(expect.arrayContaining(['text.txt', 'annotations.json', 'original.txt', 'meta.json']));
    expect(await readFile(join(dir, 'docs', docId, 'versions', '1', 'text.txt'), 'utf8')).toContain('removes entirely');

    // The user places the orphan by hand.
    const start = text.indexOf('A new opening');
    const placed = await archive.annotations.place(docId, gone.id, start, start + 13);
    expect(placed.orphan).toBeUndefined();
    expect(placed.target.quote).toBe('A new opening');
    await archive.close();

    const reopened = await Archive.open(dir, { writable: true, owner: 'test' });
    expect(reopened.list()[0]).toMatchObject({ id: docId, version: 2 });
    expect((await reopened.annotations.list(docId)).every((a) => !a.orphan)).toBe(true);
    await reopened.close();
  });

  it('undoes a version swap that a crash interrupted between its two renames', async () => {
    const { dir, archive, docId } = await setUp();
    await archive.close();
    await rename(join(dir, 'docs', docId), join(dir, 'docs', `.replaced-${docId}`));
    // A crash leaves the library's open marker behind: it is what makes the next open look for leftovers.
    await writeFile(join(dir, 'library.open'), '1\n');
    const reopened = await Archive.open(dir, { writable: true, owner: 'test' });
    expect((await reopened.get(docId)).text).toContain('removes entirely');
    expect(await reopened.annotations.list(docId)).toHaveLength(3);
    expect((await readdir(join(dir, 'docs'))).filter((n) => n.startsWith('.'))).toEqual([]);
    await reopened.close();
  });
});

describe('re-anchoring annotations on PDFs', () => {
  it('keeps an empty area on its page, drops stale rectangles of text annotations, keeps an area\'s rectangle', () => {
    const stamp = { createdAt: 'x', updatedAt: 'x' };
    const highlight: Annotation = { id: 'aaaaaa1', docId: 'd0c1d0c1', kind: 'highlight', color: 'yellow', target: { start: 4, end: 9, quote: 'stamp', prefix: 'The ', suffix: ' here' }, geometry: [{ page: 1, rects: [[1, 2, 3, 4]] }], ...stamp };
    const seal: Annotation = { id: 'aaaaaa2', docId: 'd0c1d0c1', kind: 'area', target: { start: 9, end: 9, quote: '', prefix: 'The stamp', suffix: ' here' }, geometry: [{ page: 1, rects: [[10, 20, 30, 40]] }], ...stamp };
    const { file, summary } = reanchorAnnotations({ version: 1, annotations: [highlight, seal], note: null }, 'New: The stamp here', 'now');
    expect(file.annotations[0]).toMatchObject({ target: { start: 9, end: 14, quote: 'stamp' } });
    expect(file.annotations[0]!.geometry).toBeUndefined();
    expect(file.annotations[1]).toMatchObject({ kind: 'area', target: { start: 9, end: 9, quote: '' }, geometry: seal.geometry });
    expect(summary).toEqual({ exact: 0, moved: 2, fuzzy: 0, orphaned: 0 });
  });
});
