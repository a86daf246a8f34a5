import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dir';
import { crc32 } from 'node:zlib';
import { indexFile } from './persist';
import type { SearchIndex } from './search-index';
import { DOCS, openWith } from './test-docs';

const tempDir = useTempDirs();
const QUERIES = [
  'carbon',
  'carbon neutrality',
  '"belt and road"',
  '"road belt"',
  'neutral*',
  '生物',
  '医药与健',
  '广州研究',
  '研究院 -"干细胞研究"',
  'road -belt',
  'safety OR neutrality',
  '"biodiversity matters"',
];
const snapshot = async (index: SearchIndex) => Promise.all(QUERIES.map((q) => index.search(q, { snippets: true })));

describe('SearchIndex persistence', () => {
  it('saves and reopens without rebuilding, with the same results', async () => {
    const root = await tempDir();
    const first = await openWith(root, DOCS, { fingerprint: () => 'v1' });
    expect(first.index.origin).toBe('rebuilt');
    expect(first.index.dirty).toBe(true);
    const before = await snapshot(first.index);
    await first.index.save();
    expect(first.index.dirty).toBe(false);

    const second = await openWith(root, DOCS, { fingerprint: () => 'v1' });
    expect(second.index.origin).toBe('loaded');
    expect(second.loads()).toBe(0);
    expect(second.index.size).toBe(DOCS.length);
    expect(await snapshot(second.index)).toEqual(before);
  });

  it('rebuilds when the fingerprint differs, the file is missing or damaged', async () => {
    const root = await tempDir();
    const first = await openWith(root, DOCS, { fingerprint: () => 'v1' });
    const expected = await snapshot(first.index);
    await first.index.save();
    const file = indexFile(join(root, 'index'));
    const good = await readFile(file);

    const stale = await openWith(root, DOCS, { fingerprint: () => 'v2' });
    expect([stale.index.origin, stale.loads()]).toEqual(['rebuilt', 1]);
    expect(await snapshot(stale.index)).toEqual(expected);

    // Damage before the postings is found at open (the postings' own blocks: posting-file.test.ts).
    const flipped = Buffer.from(good);
    flipped[40]! ^= 0xff;
    for (const damaged of [flipped, good.subarray(0, good.length - 8), Buffer.from('not an index'), Buffer.alloc(0)]) {
      await writeFile(file, damaged);
      const reopened = await openWith(root, DOCS, { fingerprint: () => 'v1' });
      expect(reopened.index.origin).toBe('rebuilt');
      expect(await snapshot(reopened.index)).toEqual(expected);
    }

    await rm(file);
    const missing = await openWith(root, DOCS, { fingerprint: () => 'v1' });
    expect(missing.index.origin).toBe('rebuilt');
  });

  it('rebuilds an index saved in the format before positions (1), rather than misreading it', async () => {
    const root = await tempDir();
    const first = await openWith(root, DOCS, { fingerprint: () => 'v1' });
    const expected = await snapshot(first.index);
    await first.index.save();
    const file = indexFile(join(root, 'index'));
    // The same file as format 1 would have named itself: header rewritten, CRC made good again.
    const good = await readFile(file);
    const length = good.readUInt32LE(4);
    const header = JSON.parse(good.toString('utf8', 12, 12 + length)) as { format: number };
    let json = Buffer.from(JSON.stringify({ ...header, format: 1 }));
    json = Buffer.concat([json, Buffer.alloc((4 - (json.length % 4)) % 4, 0x20)]);
    const rest = good.subarray(12 + length);
    const lead = Buffer.alloc(12);
    lead.write('MGSI', 0, 'latin1');
    lead.writeUInt32LE(json.length, 4);
    lead.writeUInt32LE(crc32(rest, crc32(json)), 8);
    await writeFile(file, Buffer.concat([lead, json, rest]));

    const reopened = await openWith(root, DOCS, { fingerprint: () => 'v1' });
    expect([reopened.index.origin, reopened.loads()]).toEqual(['rebuilt', 1]);
    expect(await snapshot(reopened.index)).toEqual(expected);
  });

  it('keeps positions of documents added after a load across the next save', async () => {
    const root = await tempDir();
    const first = await openWith(root, DOCS, { fingerprint: () => 'a' });
    await first.index.save();
    const second = await openWith(root, [], { fingerprint: () => 'a' });
    expect(second.index.origin).toBe('loaded');
    const added = { id: 'zh-new', title: '新闻', text: '广州研究院发布年度报告，belt and road 合作。', meta: { type: 'txt' } };
    await second.store.put(added);
    second.index.add(added);
    const queries = ['"belt and road"', '广州研究院', '研究院', '"road belt"', '年度报告'];
    const ids = async (index: SearchIndex) => Promise.all(queries.map(async (q) => (await index.search(q)).hits.map((h) => h.id).sort()));
    const before = await ids(second.index);
    expect(before).toEqual([['en-body', 'zh-new'], ['zh-new'], ['zh-gz', 'zh-new'], [], ['zh-new']]);
    await second.index.save();
    const third = await openWith(root, [], { fingerprint: () => 'a' });
    expect(third.index.origin).toBe('loaded');
    expect(await ids(third.index)).toEqual(before);
  });

  it('updates and removes incrementally, and keeps the changes across a save', async () => {
    const root = await tempDir();
    let fingerprint = 'a';
    const { index, store } = await openWith(root, DOCS, { fingerprint: () => fingerprint });
    await index.save();
    expect((await index.search('carbon')).total).toBe(3);

    const added = { id: 'en-new', title: 'Hydrogen strategy', text: 'Green hydrogen replaces carbon fuels.', meta: { type: 'md' } };
    await store.put(added);
    index.add(added);
    expect((await index.search('hydrogen')).hits.map((h) => h.id)).toEqual(['en-new']);

    const changed = { ...DOCS[2]!, text: 'Road works resume in spring; cyclists get new lanes.' };
    await store.put(changed);
    index.update(changed);
    expect((await index.search('"belt of roads"')).total).toBe(0);
    expect((await index.search('cyclists', { snippets: true })).hits.map((h) => [h.id, h.snippet?.text])).toEqual([
      ['en-road', changed.text],
    ]);

    expect(index.remove('en-body')).toBe(true);
    expect(index.remove('en-body')).toBe(false);
    expect((await index.search('carbon')).hits.map((h) => h.id)).toEqual(['en-title', 'en-new']);
    const before = await snapshot(index);

    fingerprint = 'b';
    await index.save();
    const reopened = await openWith(root, [], { fingerprint: () => 'b' });
    expect(reopened.index.origin).toBe('loaded');
    expect(reopened.index.size).toBe(5);
    expect(await snapshot(reopened.index)).toEqual(before);
    expect((await reopened.index.search('cyclists')).hits.map((h) => h.id)).toEqual(['en-road']);
  });
});
