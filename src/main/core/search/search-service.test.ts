import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RichDoc } from '../../../shared/model';
import { Archive } from '../archive';
import { useTempDirs } from '../test-support/temp-dir';

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

    expect(await readdir(join(dir, 'index'))).toEqual(['search.bin']);
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
    expect(await readdir(join(dir, 'index'))).toEqual(['search.bin']);
  });
});
