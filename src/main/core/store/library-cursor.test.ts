import { writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { DocumentMeta } from '../../../shared/model';
import { useTempDirs } from '../test-support/temp-dir';
import { archiveLayout } from './layout';
import { encodeCompact } from './library-compact';
import type { DocumentCursor } from './library-cursor';
import type { LogEntry } from './library-log';
import { LibraryStore } from './library-store';

const tempDir = useTempDirs();

const hex = (c: string) => c.repeat(64);
const doc = (id: string, over: Partial<DocumentMeta> = {}): DocumentMeta => ({
  id,
  title: `Report ${id}`,
  type: 'txt',
  size: 10 + id.length,
  sha256: hex(id.at(-1)!),
  sourceName: `${id}.txt`,
  encoding: 'utf-8',
  textLength: 9,
  importedAt: `2026-01-0${id.at(-1)}T00:00:00.000Z`,
  updatedAt: '2026-01-02T00:00:00.000Z',
  checks: { text: hex('b'), blocks: hex('c') },
  ...over,
});

const inBin = [
  doc('doc000', { tags: ['gone'] }),
  doc('doc001', { tags: ['policy/national', 'x'], collections: [] }),
  doc('doc002', { date: '2020-05-01', language: 'zh', title: '广州 报告', notices: ['scanned'], ocr: { state: 'done', languages: 'eng', mode: 'auto', pages: 3 }, checks: undefined }),
  doc('doc003', { collections: ['c1'], tags: [], author: 'Ministry', size: 5 * 2 ** 32 + 7, version: 2 }),
];
for (const d of inBin) if (!d.checks) delete d.checks;
// Edited, removed and added since library.bin was written: the log's lines (as a clean close leaves them).
const log: LogEntry[] = [
  { seq: 1, at: '2026-01-03T00:00:00.000Z', upsert: [doc('doc001', { title: 'Renamed', tags: ['x'] }), doc('doc004', { notices: ['odd encoding'], language: 'en' })] },
  { seq: 2, at: '2026-01-03T00:00:01.000Z', remove: ['doc000'] },
  { seq: 3, at: '2026-01-03T00:00:02.000Z', upsert: [doc('doc005', { date: '2020-05-01' })], asImported: ['doc005'] },
];

async function archiveWith(entries: readonly LogEntry[]) {
  const dir = await tempDir();
  const layout = archiveLayout(dir);
  await writeFile(layout.libraryCompact, Buffer.concat(encodeCompact(inBin, 4)));
  await writeFile(layout.libraryLog, [JSON.stringify({ log: 1, gen: 4 }), ...entries.map((e) => JSON.stringify(e)), ''].join('\n'));
  await writeFile(layout.library, JSON.stringify({ version: 2, documents: [] }));
  return layout;
}

const all = (cursor: DocumentCursor) => Array.from({ length: cursor.count }, (_, i) => cursor.at(i));
/** JSON text too: library.list's answer is written from these documents, so their keys' order matters. */
const asJson = (docs: readonly DocumentMeta[]) => JSON.stringify(docs);

describe('the library one document at a time (library.list; issue #19)', () => {
  for (const entries of [log, []]) {
    it(`lists from library.bin's columns what the documents as objects list${entries.length ? ', the log replayed over them' : ''}`, async () => {
      const layout = await archiveWith(entries);
      const lazy = await LibraryStore.open(layout, false);
      const fromColumns = lazy.cursor();
      // Made when asked for, and not kept: a new object each time.
      if (fromColumns.count) expect(fromColumns.at(1)).not.toBe(fromColumns.at(1));
      const eager = await LibraryStore.open(layout, false);
      const docs = eager.documents();
      expect(asJson(all(fromColumns))).toBe(asJson(docs));
      expect(all(fromColumns)).toEqual(docs);
      if (!entries.length) expect(all(fromColumns)).toEqual(inBin);
      // Once the documents are objects, the cursor gives those objects.
      expect(all(eager.cursor())).toEqual(docs);
      expect(eager.cursor().at(0)).toBe(docs[0]);
    });
  }

  it('lists the library as it was when the cursor was made, and the next cursor sees the changes', async () => {
    const layout = await archiveWith(log);
    const store = await LibraryStore.open(layout, true);
    try {
      const before = store.cursor();
      const listed = asJson(all(before));
      await store.update('doc002', (d) => ({ ...d, title: 'Changed' }));
      // The documents are objects now: this cursor reads them, and must not see what follows either.
      const made = store.cursor();
      const listedMade = asJson(all(made));
      store.add(doc('doc006'));
      await store.update('doc003', (d) => ({ ...d, title: 'Changed too' }));
      expect(asJson(all(before))).toBe(listed);
      expect(asJson(all(made))).toBe(listedMade);
      const after = all(store.cursor());
      expect(after.map((d) => d.id)).toEqual(['doc001', 'doc002', 'doc003', 'doc004', 'doc005', 'doc006']);
      expect(after.map((d) => d.title).slice(1, 3)).toEqual(['Changed', 'Changed too']);
    } finally {
      await store.close();
    }
  });

  for (const entries of [log, []]) {
    it(`answers a document by id and the tags from library.bin's columns as the documents as objects do, without making them${entries.length ? ', the log replayed over them' : ''}`, async () => {
      const layout = await archiveWith(entries);
      const lazy = await LibraryStore.open(layout, false);
      const eager = await LibraryStore.open(layout, false);
      const docs = eager.documents();
      for (const id of ['doc000', 'doc001', 'doc002', 'doc003', 'doc004', 'doc005', 'missing']) {
        const fromColumns = lazy.get(id);
        expect(fromColumns).toEqual(eager.get(id));
        expect(JSON.stringify(fromColumns)).toBe(JSON.stringify(eager.get(id)));
        if (fromColumns) expect(Object.isFrozen(fromColumns)).toBe(true);
      }
      const tagsOf = (store: LibraryStore) => {
        const out: [string, readonly string[]][] = [];
        store.tagLists((id, tags) => out.push([id, tags]));
        return out;
      };
      expect(tagsOf(lazy)).toEqual(docs.filter((d) => d.tags?.length).map((d) => [d.id, d.tags]));
      expect(tagsOf(lazy).length).toBeGreaterThan(0);
      // Still columns: the cursor makes a new object at each call (once they are objects, it gives those).
      const place = docs.findIndex((d) => d.id === 'doc002'); // a row of library.bin's (the log did not write it)
      expect(lazy.cursor().at(place)).not.toBe(lazy.cursor().at(place));
      expect(eager.cursor().at(place)).toBe(eager.cursor().at(place));
    });
  }
});
