import { describe, expect, it } from 'vitest';
import type { DocumentMeta } from './document';
import { decodeLibraryTable, encodeLibraryTable, type LibraryRow, type LibraryTable } from './library-table';

const doc = (id: string, patch: Partial<DocumentMeta> = {}): DocumentMeta => ({
  id,
  title: `Title ${id}`,
  type: 'txt',
  size: 10,
  sha256: '0'.repeat(64),
  sourceName: `${id}.txt`,
  encoding: 'utf-8',
  textLength: 5,
  importedAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
  ...patch,
});

/** What library.list answers of a document, less what the table leaves to document.meta. */
function asRow(d: DocumentMeta, hasAnnotations: boolean): LibraryRow {
  const { sha256: _s, encoding: _e, textLength: _t, updatedAt: _u, checks: _c, author: _a, version: _v, ocr: _o, ...row } = d;
  return { ...row, hasAnnotations };
}

describe('library.table', () => {
  it('decodes into the rows library.list lists, through JSON (the HTTP transport)', () => {
    const docs = [
      doc('a', { date: '2024-05-01', language: 'en', tags: ['policy/national', 'economy'], collections: ['c1'], author: 'Someone', version: 2 }),
      doc('b', { type: 'pdf', size: 5_000_000_000, tags: [], notices: ['no text layer'] }),
      doc('c', { title: '广州生物医药与健康研究院', date: '2024-05-01', language: 'zh', tags: ['economy'], collections: [] }),
      doc('d'),
    ];
    const table = JSON.parse(JSON.stringify(encodeLibraryTable(docs, new Set(['c', 'gone']), null))) as LibraryTable;
    expect(decodeLibraryTable(table)).toEqual(docs.map((d) => asRow(d, d.id === 'c')));
    // Values that repeat are sent once: the dictionaries hold each only once.
    expect(table.dates.values).toEqual(['2024-05-01']);
    expect(table.tags.values).toEqual(['policy/national', 'economy']);
    expect(table.titleRanks).toBeNull();
  });

  it('an empty library is an empty table', () => {
    expect(decodeLibraryTable(encodeLibraryTable([], new Set(), { ranks: [], locale: 'en' }))).toEqual([]);
  });
});
