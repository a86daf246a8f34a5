import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DocumentMeta } from '../../../shared/model';
import { Archive } from '../archive';
import { documentsOnDisk } from '../test-support/library-on-disk';
import { useTempDirs } from '../test-support/temp-dir';

const tempDir = useTempDirs();
const open = (dir: string) => Archive.open(dir, { writable: true, owner: 'test' });
const bytes = (s: string) => new TextEncoder().encode(s);
const metaFile = (dir: string, id: string) => join(dir, 'docs', id, 'meta.json');
/** What an edit can change, by document id. */
const view = (docs: readonly DocumentMeta[]) =>
  Object.fromEntries(docs.map((d) => [d.id, { title: d.title, tags: d.tags ?? [], collections: d.collections ?? [] }]));

const DAMAGE: Record<string, (file: Buffer) => Buffer> = {
  truncated: (file) => file.subarray(0, Math.floor(file.length / 2)),
  'bytes flipped': (file) => {
    const out = Buffer.from(file);
    for (const at of [20, Math.floor(out.length / 2), out.length - 3]) out[at]! ^= 0xa5;
    return out;
  },
};

/**
 * An archive of four documents whose titles, tags and collections were edited across two
 * sessions and two compactions: after the last one, the log holds none of the edits.
 */
async function editedAndCompacted() {
  const dir = await tempDir();
  const archive = await open(dir);
  const ids: string[] = [];
  for (const name of ['alpha', 'beta', 'gamma', 'delta']) {
    const outcome = await archive.importFile({ name: `${name}.txt`, bytes: bytes(`${name} report\n\nText about ${name}.\n`) });
    if (outcome.status === 'imported') ids.push(outcome.doc.id);
  }
  const [a, b, c, d] = ids as [string, string, string, string];
  const untouched = await stat(metaFile(dir, d));
  const { library } = archive.syncStores();
  await archive.catalog.updateMeta(a, { title: 'Alpha, renamed' });
  // A title changed without updateMeta (which writes meta.json itself): only the log has it.
  await library.update(b, (doc) => ({ ...doc, title: 'Beta, renamed in the library only' }));
  await archive.catalog.tag([a, b], ['first/session'], []);
  const shelf = await archive.catalog.createCollection('Shelf');
  await archive.catalog.collect([a, c], shelf.id, true);
  await library.compact();
  await archive.close();
  // The next session: edits logged, then the archive closed and opened again before they are compacted.
  const second = await open(dir);
  await second.catalog.tag([c], ['second/session'], ['first/session']);
  await second.catalog.tag([a], [], ['first/session']);
  await second.catalog.collect([a], shelf.id, false);
  await second.syncStores().library.update(c, (doc) => ({ ...doc, title: 'Gamma, renamed in session two' }));
  await second.close();
  const third = await open(dir);
  await third.syncStores().library.compact();
  const expected = view(third.list());
  await third.close();
  expect((await readFile(join(dir, 'library.log'), 'utf8')).trim().split('\n'), 'the log holds only its head: every edit was compacted').toHaveLength(1);
  return { dir, ids, expected, untouched, shelf: shelf.id };
}

describe('library.bin is a cache: meta.json and the log hold every edit', () => {
  it('compaction writes the edited documents into their meta.json, and leaves the others alone', async () => {
    const { dir, ids, expected, untouched, shelf } = await editedAndCompacted();
    const [a, b, c, d] = ids as [string, string, string, string];
    expect(expected[a]).toEqual({ title: 'Alpha, renamed', tags: [], collections: [] });
    expect(expected[b]).toEqual({ title: 'Beta, renamed in the library only', tags: ['first/session'], collections: [] });
    expect(expected[c]).toEqual({ title: 'Gamma, renamed in session two', tags: ['second/session'], collections: [shelf] });
    const onDisk = view(await Promise.all(ids.map(async (id) => JSON.parse(await readFile(metaFile(dir, id), 'utf8')) as DocumentMeta)));
    expect(onDisk).toEqual(expected);
    // An imported document that was never edited: its meta.json was not rewritten.
    expect((await stat(metaFile(dir, d))).ino).toBe(untouched.ino);
    expect((await readdir(join(dir, 'docs', a))).filter((n) => n.includes('tmp')), 'no temp file left').toEqual([]);
  });

  for (const [kind, damage] of Object.entries(DAMAGE)) {
    it(`a ${kind} library.bin is rebuilt with every edit made before its last compaction, and says so`, async () => {
      const { dir, expected } = await editedAndCompacted();
      const file = join(dir, 'library.bin');
      await writeFile(file, damage(await readFile(file)));
      const archive = await open(dir);
      expect(view(archive.list())).toEqual(expected);
      expect(archive.notices.join(' ')).toMatch(/library\.bin is damaged.*set aside as .*rebuilt from the document folders.*no acknowledged change was lost/);
      await archive.close();
      const again = await open(dir);
      expect(again.notices).toEqual([]);
      expect(view(again.list())).toEqual(expected);
      await again.close();
    });
  }

  it('a library migrated from version 1 has its edits written into meta.json before library.bin replaces library.json', async () => {
    const { dir, ids } = await editedAndCompacted();
    const docs = await documentsOnDisk(dir);
    const small = JSON.parse(await readFile(join(dir, 'library.json'), 'utf8'));
    const { logSeq: _seq, ...rest } = small;
    const v1 = docs.map((doc) => (doc.id === ids[3] ? { ...doc, title: 'Only in version 1', tags: ['v1'] } : doc));
    await writeFile(join(dir, 'library.json'), JSON.stringify({ ...rest, version: 1, documents: v1 }));
    await (await open(dir)).close();
    const file = join(dir, 'library.bin');
    await writeFile(file, DAMAGE.truncated!(await readFile(file)));
    const archive = await open(dir);
    expect(view(archive.list())).toEqual(view(v1));
    await archive.close();
  });
});
