import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DocumentMeta, RichDoc } from '../../../shared/model';
import { Archive } from '../archive';
import { emptyAnnotations } from '../store/schemas';
import { useTempDirs } from '../test-support/temp-dir';
import { analyzeDocument } from './analyze';
import { SearchService, type SearchSources } from './search-service';

const tempDir = useTempDirs();
const bytes = (s: string) => new TextEncoder().encode(s);
const note = (text: string): RichDoc => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
const open = (dir: string, writable = true) => Archive.open(dir, { writable, owner: 'test' });
const ids = async (archive: Archive, query: string) => (await archive.search.search(query, {})).hits.map((h) => h.id);

describe('search in the archive', () => {
  it('finds imported documents in English and Chinese, and what users write about them', async () => {
    const dir = await tempDir();
    const archive = await open(dir);
    const en = await archive.importFile({ name: 'en.txt', bytes: bytes('Biomedicine report\n\nThe adalimumab biosimilar was approved for marketing.') });
    const zh = await archive.importFile({ name: 'zh.txt', bytes: bytes('年度报告\n\n广州生物医药与健康研究院今年取得了重要进展。') });
    if (en.status !== 'imported' || zh.status !== 'imported') throw new Error('import');
    expect(await ids(archive, 'adalimumab')).toEqual([en.doc.id]);
    expect(await ids(archive, 'biomed*')).toEqual([en.doc.id]);
    expect(await ids(archive, '研究院')).toEqual([zh.doc.id]);
    expect(await ids(archive, '健康')).toEqual([zh.doc.id]);

    await archive.annotations.create(zh.doc.id, { kind: 'highlight', start: 0, end: 4, comment: note('Compare with the Shenzhen plan') });
    await archive.annotations.setNote(en.doc.id, note('Ask the pharmacology department'));
    await archive.catalog.tag([en.doc.id], ['pharma/biosimilars'], []);
    expect(await ids(archive, 'shenzhen')).toEqual([zh.doc.id]);
    expect(await ids(archive, 'pharmacology')).toEqual([en.doc.id]);
    expect(await ids(archive, 'biosimilars')).toEqual([en.doc.id]);
    expect((await ids(archive, 'report OR 报告')).sort()).toEqual([en.doc.id, zh.doc.id].sort());
    const filtered = await archive.search.search('report OR 报告', { filters: { hasAnnotations: true } });
    expect(filtered.hits.map((h) => h.id)).toEqual([zh.doc.id]);
    await archive.close();

    // search.bin and the one positions file it names.
    expect((await readdir(join(dir, 'index'))).sort()).toEqual([expect.stringMatching(/^positions-[0-9a-z]+\.bin$/), 'search.bin']);
    const reader = await open(dir, false);
    expect(await ids(reader, 'shenzhen')).toEqual([zh.doc.id]);
  });

  it('rebuilds an index that a crash left behind unsaved', async () => {
    const dir = await tempDir();
    const archive = await open(dir);
    const doc = await archive.importFile({ name: 'a.txt', bytes: bytes('Quarterly budget\n\nNumbers.') });
    await archive.close();
    // A crash after a change: the marker is there, the saved index is older.
    await writeFile(join(dir, 'index', '.dirty'), '');
    await writeFile(join(dir, 'index', 'search.bin'), 'garbage');
    const reopened = await open(dir);
    expect(await ids(reopened, 'budget')).toEqual([doc.status === 'imported' ? doc.doc.id : '']);
    await reopened.close();
    expect((await readdir(join(dir, 'index'))).sort()).toEqual([expect.stringMatching(/^positions-[0-9a-z]+\.bin$/), 'search.bin']);
  });

  it('drops the saved index it read while the library loaded when a crash left it stale', async () => {
    const dir = await tempDir();
    const archive = await open(dir);
    const doc = await archive.importFile({ name: 'a.txt', bytes: bytes('Quarterly budget\n\nNumbers.') });
    if (doc.status !== 'imported') throw new Error('import');
    await archive.close();
    const before = await readFile(join(dir, 'index', 'search.bin'));
    const again = await open(dir);
    await again.annotations.setNote(doc.doc.id, note('Compare with the Shenzhen plan'));
    await again.close();
    // A crash after the note: the marker is there, and the saved index (whole, CRC and fingerprint right) is the older one.
    await writeFile(join(dir, 'index', 'search.bin'), before);
    await writeFile(join(dir, 'index', '.dirty'), '');
    const reopened = await open(dir);
    expect(await ids(reopened, 'shenzhen')).toEqual([doc.doc.id]);
    await reopened.close();
  });

  it('rebuilds a damaged saved index at open and saves it whole again', async () => {
    const dir = await tempDir();
    const archive = await open(dir);
    const doc = await archive.importFile({ name: 'a.txt', bytes: bytes('Quarterly budget\n\nNumbers.') });
    if (doc.status !== 'imported') throw new Error('import');
    await archive.close();
    const saved = await readFile(join(dir, 'index', 'search.bin'));
    saved[saved.length - 2] = saved[saved.length - 2]! ^ 0x40; // one flipped bit, far from the header
    await writeFile(join(dir, 'index', 'search.bin'), saved);
    const reopened = await open(dir);
    expect(await ids(reopened, 'budget')).toEqual([doc.doc.id]);
    await reopened.close();
    const rewritten = await readFile(join(dir, 'index', 'search.bin'));
    expect(rewritten.equals(saved)).toBe(false);
    const reader = await open(dir, false);
    expect(await ids(reader, 'budget')).toEqual([doc.doc.id]);
  });

  it('indexes a document from an analysis made elsewhere without reading its text back', async () => {
    const dir = await tempDir();
    const texts = join(dir, 'texts');
    await mkdir(texts, { recursive: true });
    const metas = new Map<string, DocumentMeta>();
    const reads: string[] = [];
    const sources = fileSources(texts, metas, reads);
    const service = await SearchService.open(join(dir, 'index'), sources, true);
    const store = async (id: string, text: string) => {
      await writeFile(join(texts, `${id}.txt`), text);
      const now = new Date().toISOString();
      metas.set(id, { id, title: id, type: 'txt', size: text.length, sha256: '', sourceName: `${id}.txt`, encoding: 'utf-8', textLength: text.length, importedAt: now, updatedAt: now });
    };
    const text = '广州生物医药与健康研究院 and the Belt and Road.';
    const analysis = structuredClone(analyzeDocument(text)); // as a worker would post it
    await service.track(() => store('given', text), () => [{ id: 'given', analysis }]);
    // An analysis of another text is not trusted: the text is read.
    await service.track(() => store('mismatched', 'Other words entirely.'), () => [{ id: 'mismatched', analysis }]);
    await service.track(() => store('plain', 'Belt and Road, read back.'), () => ['plain']);
    await service.settled();
    expect(reads.sort()).toEqual(['mismatched', 'plain']);
    const found = async (q: string) => (await service.search(q, {})).hits.map((h) => h.id).sort();
    expect(await found('"belt and road"')).toEqual(['given', 'plain']);
    expect(await found('研究院')).toEqual(['given']);
    expect(await found('entirely')).toEqual(['mismatched']);
    await service.close();
  });

  it('trusts a saved index when the library’s versions (read without its documents) name the state it was saved in, and rebuilds it when they do not', async () => {
    const dir = await tempDir();
    const texts = join(dir, 'texts');
    await mkdir(texts, { recursive: true });
    const metas = new Map<string, DocumentMeta>();
    const reads: string[] = [];
    const sources = (withVersions: boolean): SearchSources => ({
      ...fileSources(texts, metas, reads),
      ...(withVersions ? { versions: (visit: (id: string, updatedAt: string) => void) => metas.forEach((m) => visit(m.id, m.updatedAt)) } : {}),
    });
    const put = async (id: string, text: string, updatedAt: string) => {
      await writeFile(join(texts, `${id}.txt`), text);
      metas.set(id, { id, title: id, type: 'txt', size: text.length, sha256: '', sourceName: `${id}.txt`, encoding: 'utf-8', textLength: text.length, importedAt: updatedAt, updatedAt });
    };
    // Enough documents for the fingerprint to hash more than one batch of lines.
    await Promise.all(Array.from({ length: 1300 }, (_, i) => put(`doc${String(i).padStart(5, '0')}-${'x'.repeat(20)}`, `words ${i}`, '2026-01-01T00:00:00.000Z')));
    await put('kept', 'Belt and Road', '2026-01-01T00:00:00.000Z');
    // Saved by a service that read the documents' metadata.
    const first = await SearchService.open(join(dir, 'index'), sources(false), true);
    await first.ready();
    await first.close();
    reads.length = 0;
    const second = await SearchService.open(join(dir, 'index'), sources(true), true);
    expect((await second.search('belt', {})).hits.map((h) => h.id)).toEqual(['kept']);
    expect(reads).toEqual([]);
    await second.close();
    // A document changed while the index was not watching: its updatedAt names another state.
    await put('kept', 'Silk Road', '2026-01-02T00:00:00.000Z');
    const third = await SearchService.open(join(dir, 'index'), sources(true), true);
    expect((await third.search('silk', {})).hits.map((h) => h.id)).toEqual(['kept']);
    expect(reads).toContain('kept');
    await third.close();
  });
});

/** The host's side of the contract over real files (texts/<id>.txt), as the archive provides it; `reads` records each text read. */
function fileSources(texts: string, metas: Map<string, DocumentMeta>, reads: string[]): SearchSources {
  return {
    documents: () => [...metas.values()],
    meta: (id) => metas.get(id),
    readText: (id) => {
      reads.push(id);
      return readFile(join(texts, `${id}.txt`), 'utf8');
    },
    readAnnotations: async () => emptyAnnotations(),
  };
}
