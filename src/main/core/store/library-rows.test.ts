import { writeFile } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { type DocumentMeta, encodeLibraryTable } from '../../../shared/model';
import { useTempDirs } from '../test-support/temp-dir';
import { archiveLayout } from './layout';
import { encodeCompact } from './library-compact';
import type { LogEntry } from './library-log';
import { LibraryStore } from './library-store';

const tempDir = useTempDirs();

const doc = (id: string, over: Partial<DocumentMeta> = {}): DocumentMeta => ({
  id,
  title: `Report ${id}`,
  type: 'txt',
  size: 10 + id.length,
  sha256: 'a'.repeat(64),
  sourceName: `${id}.txt`,
  encoding: 'utf-8',
  textLength: 9,
  importedAt: `2026-01-0${id.at(-1)}T00:00:00.000Z`,
  updatedAt: '2026-01-02T00:00:00.000Z',
  ...over,
});

/** library.bin as format 1 wrote it (no title ranks): the format 2 encoding less its ranks, re-checksummed. */
function formatOne(docs: readonly DocumentMeta[], gen: number): Buffer {
  const [lead, json, body, hashes, table] = encodeCompact(docs, gen);
  const bodyOne = body!.subarray(0, body!.length - docs.length * 4);
  const leadOne = Buffer.from(lead!);
  leadOne.writeUInt32LE(1, 4);
  leadOne.writeUInt32LE(crc32(table!, crc32(hashes!, crc32(bodyOne, crc32(json!)))), 12);
  return Buffer.concat([leadOne, json!, bodyOne, hashes!, table!]);
}

const inBin = [
  doc('doc000', { tags: ['gone'] }),
  doc('doc001', { tags: ['policy/national', 'x'], collections: [] }),
  doc('doc002', { date: '2020-05-01', language: 'zh', title: '广州 报告', notices: ['scanned'], ocr: { state: 'done', languages: 'eng', mode: 'auto', pages: 3 } }),
  doc('doc003', { collections: ['c1'], tags: [], author: 'Ministry', size: 5 * 2 ** 32 + 7 }),
];
// Edited, removed and added since library.bin was written: the log's lines (as a clean close leaves them).
const log: LogEntry[] = [
  { seq: 1, at: '2026-01-03T00:00:00.000Z', upsert: [doc('doc001', { title: 'Renamed', tags: ['x'], updatedAt: '2026-01-03T00:00:00.000Z' }), doc('doc004', { notices: ['odd encoding'], language: 'en' })] },
  { seq: 2, at: '2026-01-03T00:00:01.000Z', remove: ['doc000'] },
  { seq: 3, at: '2026-01-03T00:00:02.000Z', upsert: [doc('doc005', { date: '2020-05-01' })], asImported: ['doc005'] },
];

async function archiveWith(bin: Buffer, entries: readonly LogEntry[]) {
  const dir = await tempDir();
  const layout = archiveLayout(dir);
  await writeFile(layout.libraryCompact, bin);
  await writeFile(layout.libraryLog, [JSON.stringify({ log: 1, gen: 4 }), ...entries.map((e) => JSON.stringify(e)), ''].join('\n'));
  await writeFile(layout.library, JSON.stringify({ version: 2, documents: [] }));
  return layout;
}

describe('the library table from library.bin’s columns (issue #19)', () => {
  for (const [format, bin] of [
    [2, Buffer.concat(encodeCompact(inBin, 4))],
    [1, formatOne(inBin, 4)],
  ] as const) {
    it(`answers what the documents as objects answer, the log replayed over the columns (library.bin format ${format})`, async () => {
      const layout = await archiveWith(bin, log);
      const annotated = new Set(['doc002', 'doc005', 'notlisted']);
      // Asked first, as the library view asks at start: from the columns, no document made an object.
      const lazy = await LibraryStore.open(layout, false);
      const fromColumns = lazy.table(annotated);
      // What the search index's fingerprint reads, also from the columns.
      const versions: string[] = [];
      lazy.versions((id, updatedAt) => versions.push(`${id} ${updatedAt}`));
      const eager = await LibraryStore.open(layout, false);
      const docs = eager.documents();
      expect(docs.map((d) => d.id)).toEqual(['doc001', 'doc002', 'doc003', 'doc004', 'doc005']);
      expect(docs[0]).toEqual(log[0]!.upsert![0]);
      expect(docs[1]).toEqual(inBin[2]);
      expect(fromColumns).toEqual(encodeLibraryTable(docs, annotated, eager.titleRanks()));
      expect(versions).toEqual(docs.map((d) => `${d.id} ${d.updatedAt}`));
      expect(versions[0]).toBe('doc001 2026-01-03T00:00:00.000Z');
      expect(fromColumns.notices).toEqual({ rows: [1, 3], notices: [['scanned'], ['odd encoding']] });
      expect(fromColumns.sizes[2]).toBe(5 * 2 ** 32 + 7);
      if (format === 2) {
        // Rows as library.bin holds them keep its ranks; rows the log wrote are ranked by the renderer (-1).
        const [d1, d2, d3] = fromColumns.titleRanks!.ranks;
        expect(d1).toBe(-1);
        expect(fromColumns.titleRanks!.ranks.slice(3)).toEqual([-1, -1]);
        expect(d2).toBeGreaterThanOrEqual(0);
        expect(d3).toBeGreaterThanOrEqual(0);
      } else expect(fromColumns.titleRanks).toBeNull();
      // The documents made afterwards are the same as when asked for first.
      expect(lazy.documents()).toEqual(docs);
      expect(lazy.get('doc003')).toEqual(inBin[3]);
      expect(lazy.table(annotated)).toEqual(fromColumns);
    });
  }

  it('without log lines: every row of library.bin, in its order; OCR states are found without making the documents', async () => {
    const layout = await archiveWith(Buffer.concat(encodeCompact(inBin, 4)), []);
    const store = await LibraryStore.open(layout, false);
    const table = store.table(new Set());
    expect(table.ids).toEqual(['doc000', 'doc001', 'doc002', 'doc003']);
    expect(table.tags.present).toEqual([0, 1, 3]);
    expect(table.collections.present).toEqual([1, 3]);
    expect(store.withOcrState().map((d) => d.id)).toEqual(['doc002']);
    expect(store.documents()).toEqual(inBin);
  });
});
