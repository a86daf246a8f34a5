import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Archive } from '../archive';
import { useTempDirs } from '../test-support/temp-dir';
import { crashDoc } from './crash-docs';
import { writeLegacyIndex } from './legacy-index';
import { FORMAT_VERSION, indexFile, readIndexBytes, readIndexFile, writeIndexFile } from './persist';
import { InvertedIndex } from './postings';
import { SearchIndex } from './search-index';
import { iterate } from './test-docs';

const tempDir = useTempDirs();
const bytes = (s: string) => new TextEncoder().encode(s);
const open = (dir: string, writable = true) => Archive.open(dir, { writable, owner: 'test' });
const QUERIES = ['"belt and road"', 'carbon', '"carbon markets"', 'annual', 'report -carbon', '研究院', 'mark*'];
const answers = async (archive: Archive) =>
  Promise.all(
    QUERIES.map(async (q) => {
      const r = await archive.search.search(q, { limit: 100, snippets: true });
      return [r.total, r.hits.map((h) => [h.id, h.score, h.snippet?.text])];
    }),
  );
const headerOf = async (dir: string) => {
  const raw = await readFile(join(dir, 'index', 'search.bin'));
  const length = raw.readUInt32LE(4);
  return { raw, length, header: JSON.parse(raw.toString('utf8', 12, 12 + length)) as { format: number; fingerprint: string; checkedBytes: number; positions: { file: string; length: number } } };
};

/** An archive of 40 documents, closed: its index saved. */
async function archiveWithDocs(): Promise<{ dir: string; expected: Awaited<ReturnType<typeof answers>> }> {
  const dir = await tempDir();
  const archive = await open(dir);
  for (let i = 0; i < 40; i++) {
    const text = i % 4 === 0 ? `中国科学院广州生物医药与健康研究院 ${i}。研究院致力于干细胞研究。` : `Annual report ${i}\n\n${'Carbon markets grew. '.repeat(i % 5)}The Belt and Road forum met; road belt ${i}.`;
    const outcome = await archive.importFile({ name: `d${i}.txt`, bytes: bytes(text) });
    if (outcome.status !== 'imported') throw new Error('import');
  }
  const expected = await answers(archive);
  await archive.close();
  return { dir, expected };
}

/** An index of `n` crash documents, compacted (positions in memory). */
function built(n: number): InvertedIndex {
  const index = new InvertedIndex();
  for (let i = 0; i < n; i++) index.add(crashDoc(`doc-${i}`));
  index.compact();
  return index;
}

afterEach(() => vi.restoreAllMocks());

describe('postings read per block (search.bin format 6)', () => {
  it('damaged postings: found by the query that reads them, reported with the file and the reason, the index rebuilt before it answers and saved whole again', async () => {
    const { dir, expected } = await archiveWithDocs();
    const { raw, length, header } = await headerOf(dir);
    expect(header.format).toBe(FORMAT_VERSION);
    const postingsAt = 12 + length + header.checkedBytes;
    for (let at = postingsAt; at < raw.length; at += 13) raw[at] = raw[at]! ^ 0x21;
    await writeFile(join(dir, 'index', 'search.bin'), raw);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const archive = await open(dir);
    expect(await answers(archive)).toEqual(expected);
    expect(errors.mock.calls.map((c) => String(c[0]))).toEqual([expect.stringMatching(/search\.bin: a block of postings fails its CRC-32 \(bytes \d+–\d+\); rebuilding the index/)]);
    await archive.close();
    const again = await open(dir, false);
    expect(await answers(again)).toEqual(expected);
    await again.close();
    expect(errors).toHaveBeenCalledTimes(1);
  });

  it('a loaded index reads only the blocks of the terms asked for, and answers as the index it saved', async () => {
    const dir = await tempDir();
    const index = built(400);
    const s = index.snapshot();
    // Positions are not this test's concern: the segments are written as if on disk.
    await writeIndexFile(dir, { ...s, fingerprint: 'fp', segments: [] });
    const saved = await readIndexFile(dir, 'fp');
    const loaded = new InvertedIndex();
    loaded.restore(saved!);
    expect(loaded.frozen.every((p) => p === 0)).toBe(true);
    const term = s.terms[Math.floor(s.terms.length / 2)]!;
    expect(loaded.postings(term).map((p) => Array.from(p.data).slice(p.from, p.to))).toEqual(index.postings(term).map((p) => Array.from(p.data).slice(p.from, p.to)));
    const read = loaded.frozen.filter((p) => p !== 0).length;
    expect(read).toBeGreaterThan(0);
    expect(read).toBeLessThan(s.frozen.length);
    // Every term, by prefix and by name, as the index that was saved.
    for (const prefix of ['w0', 'w1x', 'w']) expect(loaded.termsWithPrefix(prefix, 5)).toEqual(index.termsWithPrefix(prefix, 5));
    for (const t of [0, 1, s.terms.length - 1]) expect(loaded.termId(s.terms[t]!)).toBe(t);
    expect(loaded.termId('not-a-term')).toBeUndefined();
    loaded.closeFiles();
  });

  it('changes to a loaded index (add, annotation text, remove) answer as an index built afresh, before and after a save', async () => {
    const root = await tempDir();
    const dir = join(root, 'index');
    const docs = Array.from({ length: 120 }, (_, i) => crashDoc(`doc-${i}`));
    const queries = ['w0xa', '"w0xa w1xb"', 'w3xd -"w0xa w0xa"', 'w1*', 'annotated'];
    const first = await SearchIndex.open(dir, () => iterate(docs), { getText: async () => '', fingerprint: () => 'fp' });
    await first.save();
    const loaded = await SearchIndex.open(dir, () => iterate([]), { getText: async () => '', fingerprint: () => 'fp' });
    expect(loaded.origin).toBe('loaded');
    const changed = docs.filter((d) => d.id !== 'doc-7').map((d) => (d.id === 'doc-3' ? { ...d, extra: 'annotated w0xa', meta: { ...d.meta, hasAnnotations: true } } : d));
    const added = crashDoc('doc-new');
    loaded.setExtra('doc-3', 'annotated w0xa', { ...docs[3]!.meta, hasAnnotations: true });
    loaded.remove('doc-7');
    loaded.add(added);
    const fresh = await SearchIndex.open(join(root, 'fresh'), () => iterate([...changed, added]), { getText: async () => '' });
    const expected = await Promise.all(queries.map((q) => fresh.search(q, { limit: 200 })));
    expect(await Promise.all(queries.map((q) => loaded.search(q, { limit: 200 })))).toEqual(expected);
    expect([...loaded.annotatedIds()]).toEqual(['doc-3']);
    await loaded.save();
    await loaded.close();
    const reopened = await SearchIndex.open(dir, () => iterate([]), { getText: async () => '', fingerprint: () => 'fp' });
    expect(reopened.origin).toBe('loaded');
    expect(await Promise.all(queries.map((q) => reopened.search(q, { limit: 200 })))).toEqual(expected);
    await reopened.close();
  });

  it('an archive whose index is of an older format says it is converting it, then answers as before, saved as the current format', async () => {
    const { dir, expected } = await archiveWithDocs();
    const { header } = await headerOf(dir);
    const saved = await readIndexFile(join(dir, 'index'), header.fingerprint);
    const index = new InvertedIndex();
    index.restore(saved!);
    index.compact(); // reads every posting
    await writeLegacyIndex(join(dir, 'index'), index, header.fingerprint, 5, header.positions);
    expect((await headerOf(dir)).header.format).toBe(5);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const archive = await open(dir);
    await archive.search.ready();
    expect(errors.mock.calls.map((c) => String(c[0]))).toEqual([expect.stringContaining('The search index was saved by an earlier version of Marginalia (format 5); it is being converted once.')]);
    expect(archive.notices).toEqual([]);
    expect(await answers(archive)).toEqual(expected);
    await archive.close();
    expect((await headerOf(dir)).header.format).toBe(FORMAT_VERSION);
    const again = await open(dir, false);
    expect(await answers(again)).toEqual(expected);
    await again.close();
  });

  it('a search.bin replaced after its checked part was read is not read for postings (rebuilt instead)', async () => {
    const dir = await tempDir();
    await mkdir(dir, { recursive: true });
    const index = built(50);
    await writeIndexFile(dir, { ...index.snapshot(), fingerprint: 'fp', segments: [] });
    const bytes = readIndexBytes(dir);
    await bytes;
    // Replaced by a new file (a writer's save) before the read one is opened for its postings.
    await writeFile(`${indexFile(dir)}.new`, await readFile(indexFile(dir)));
    await rename(`${indexFile(dir)}.new`, indexFile(dir));
    expect(await readIndexFile(dir, 'fp', bytes)).toBeNull();
    expect(await readIndexFile(dir, 'fp')).not.toBeNull();
  });
});
