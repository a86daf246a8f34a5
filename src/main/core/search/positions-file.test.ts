import { mkdir, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Archive } from '../archive';
import { useTempDirs } from '../test-support/temp-dir';
import { crashDoc } from './crash-docs';
import { writeLegacyIndex } from './legacy-index';
import { FORMAT_VERSION, indexFile } from './persist';
import { InvertedIndex } from './postings';
import { SearchIndex } from './search-index';
import { iterate } from './test-docs';

const tempDir = useTempDirs();
const bytes = (s: string) => new TextEncoder().encode(s);
const open = (dir: string, writable = true) => Archive.open(dir, { writable, owner: 'test' });
const QUERIES = ['"belt and road"', '"road belt"', 'carbon', '"carbon markets"', '研究院', '广州研究', '"annual report" -"road belt"'];
const answers = async (archive: Archive) => Promise.all(QUERIES.map(async (q) => (await archive.search.search(q, { limit: 100, snippets: true })).hits.map((h) => [h.id, h.score, h.snippet?.text])));
const positionFiles = async (dir: string) => (await readdir(join(dir, 'index'))).filter((n) => n.startsWith('positions-'));
const header = async (dir: string) => {
  const raw = await readFile(join(dir, 'index', 'search.bin'));
  return JSON.parse(raw.toString('utf8', 12, 12 + raw.readUInt32LE(4))) as { format: number; positions: { file: string; length: number } };
};

/** An archive of 40 documents (phrases, CJK, one long text with snippet marks), closed: its index saved. */
async function archiveWithDocs(): Promise<{ dir: string; ids: string[]; expected: Awaited<ReturnType<typeof answers>> }> {
  const dir = await tempDir();
  const archive = await open(dir);
  const ids: string[] = [];
  for (let i = 0; i < 40; i++) {
    const text = i % 4 === 0 ? `中国科学院广州生物医药与健康研究院 ${i}。研究院致力于干细胞研究。` : `Annual report ${i}\n\n${'Carbon markets grew. '.repeat(i % 5)}The Belt and Road forum met; road belt ${i}.${i === 7 ? ' Filler words. '.repeat(400) + 'belt and road at the end.' : ''}`;
    const outcome = await archive.importFile({ name: `d${i}.txt`, bytes: bytes(text) });
    if (outcome.status !== 'imported') throw new Error('import');
    ids.push(outcome.doc.id);
  }
  const expected = await answers(archive);
  await archive.close();
  return { dir, ids, expected };
}

afterEach(() => vi.restoreAllMocks());

describe('the positions file', () => {
  it('is named by search.bin and read only when a query needs it: same answers after a reopen', async () => {
    const { dir, expected } = await archiveWithDocs();
    const { format, positions } = await header(dir);
    expect(format).toBe(FORMAT_VERSION);
    expect(await positionFiles(dir)).toEqual([positions.file]);
    const reader = await open(dir, false);
    expect(await answers(reader)).toEqual(expected);
    await reader.close();
  });

  it('damaged inside: found by the query that reads it, reported with the file and the reason, and the index rebuilt before it answers', async () => {
    const { dir, expected } = await archiveWithDocs();
    const { positions } = await header(dir);
    const file = join(dir, 'index', positions.file);
    const raw = await readFile(file);
    for (let at = 0; at < raw.length; at += 97) raw[at] = raw[at]! ^ 0x21;
    await writeFile(file, raw);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const archive = await open(dir);
    expect(await answers(archive)).toEqual(expected);
    expect(errors.mock.calls.map((c) => String(c[0]))).toEqual([expect.stringMatching(new RegExp(`${positions.file}: a block fails its CRC-32`))]);
    await archive.close();
    // Saved again, in a new positions file; the damaged one is gone.
    const after = await header(dir);
    expect(after.positions.file).not.toBe(positions.file);
    expect(await positionFiles(dir)).toEqual([after.positions.file]);
    const again = await open(dir, false);
    expect(await answers(again)).toEqual(expected);
    await again.close();
  });

  for (const damage of ['missing', 'cut short'] as const) {
    it(`${damage}: found at open (without reading it), reported, and the index rebuilt`, async () => {
      const { dir, expected } = await archiveWithDocs();
      const { positions } = await header(dir);
      const file = join(dir, 'index', positions.file);
      if (damage === 'missing') await rm(file);
      else await truncate(file, positions.length - 5);
      const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
      const archive = await open(dir);
      // The index loads in the background: the damage is reported by the time a search answers.
      expect(await answers(archive)).toEqual(expected);
      expect(errors.mock.calls.map((c) => String(c[0]))).toEqual([expect.stringContaining(damage === 'missing' ? 'cannot be opened (ENOENT)' : `cut short: ${positions.length - 5} bytes of ${positions.length}`)]);
      await archive.close();
      expect(await positionFiles(dir)).toEqual([(await header(dir)).positions.file]);
    });
  }

  it('ignores what a crash appended past the length search.bin names, and writes over it', async () => {
    const { dir, expected } = await archiveWithDocs();
    const { positions } = await header(dir);
    await writeFile(join(dir, 'index', positions.file), Buffer.alloc(5000, 0xee), { flag: 'a' });
    const archive = await open(dir);
    expect(await answers(archive)).toEqual(expected);
    const added = await archive.importFile({ name: 'new.txt', bytes: bytes('A new belt and road report.') });
    if (added.status !== 'imported') throw new Error('import');
    const withNew = await answers(archive);
    await archive.close();
    const after = await header(dir);
    expect(after.positions.file).toBe(positions.file); // appended to, not rewritten
    expect(after.positions.length).toBeGreaterThan(positions.length);
    const reader = await open(dir, false);
    expect(await answers(reader)).toEqual(withNew);
    await reader.close();
  });

  it('a save after removals rewrites the file without their positions, under a new name, once they are a quarter of it', async () => {
    const { dir, ids } = await archiveWithDocs();
    const { positions } = await header(dir);
    const archive = await open(dir);
    await archive.trash.delete(ids.slice(0, 5));
    await archive.search.settled();
    await archive.close();
    expect((await header(dir)).positions.file).toBe(positions.file); // 5 of 40: kept as garbage
    const again = await open(dir);
    await again.trash.delete(ids.slice(5, 12));
    const expected = await answers(again);
    await again.close();
    const after = await header(dir);
    expect(after.positions.file).not.toBe(positions.file);
    expect(after.positions.length).toBeLessThan(positions.length);
    expect(await positionFiles(dir)).toEqual([after.positions.file]);
    const reader = await open(dir, false);
    expect(await answers(reader)).toEqual(expected);
    await reader.close();
  });

  for (const format of [4, 3] as const) {
    it(`an index saved as format ${format} (positions inside) is read as it is, and written as ${FORMAT_VERSION} at the next save`, async () => {
      const root = await tempDir();
      const dir = join(root, 'index');
      const docs = Array.from({ length: 60 }, (_, i) => crashDoc(`old-${i}`));
      const built = new InvertedIndex();
      for (const d of docs) built.add(d);
      built.compact();
      await mkdir(dir, { recursive: true });
      await writeLegacyIndex(dir, built, 'fp', format);
      const queries = ['w0xa', '"w0xa w1xb"', '"w1xb w0xa w0xa"', 'w3xd -"w0xa w0xa"'];
      const fresh = await SearchIndex.open(join(root, 'fresh'), () => iterate(docs), { getText: async () => '' });
      const expected = await Promise.all(queries.map((q) => fresh.search(q, { limit: 100 })));
      const old = await SearchIndex.open(dir, () => iterate([]), { getText: async () => '', fingerprint: () => 'fp' });
      expect([old.origin, old.dirty]).toEqual(['loaded', true]);
      expect(await Promise.all(queries.map((q) => old.search(q, { limit: 100 })))).toEqual(expected);
      await old.save();
      const raw = await readFile(indexFile(dir));
      expect(JSON.parse(raw.toString('utf8', 12, 12 + raw.readUInt32LE(4))).format).toBe(FORMAT_VERSION);
      const reopened = await SearchIndex.open(dir, () => iterate([]), { getText: async () => '', fingerprint: () => 'fp' });
      expect([reopened.origin, reopened.dirty]).toEqual(['loaded', false]);
      expect(await Promise.all(queries.map((q) => reopened.search(q, { limit: 100 })))).toEqual(expected);
    });
  }
});
