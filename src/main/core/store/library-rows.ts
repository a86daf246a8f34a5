/**
 * The library table's rows straight from library.bin's columns and the change log's document
 * lines since (issue #19). At 100,000 documents, making every document's DocumentMeta at open
 * (and its id map, and collecting them afterwards) cost ~0.3 s of CPU and most of the ~0.75 s
 * of garbage collection before the library view got its first answer; the table needs only
 * a few columns, read here by reference into the string table. The objects are made later,
 * when something asks for a whole document (LibraryState.materialize).
 */
import type { DocType, DocumentMeta, TableRows } from '../../../shared/model';
import { type CompactColumns, compactExtra, HAS_COLLECTIONS, HAS_TAGS, NONE } from './library-compact';
import { type LogEntry, replayDocuments } from './library-log';

/** A row: its place in library.bin, or the document as a log line wrote it. */
type Row = number | DocumentMeta;

/**
 * The rows in library order, as replaying `entries` (their document parts, as applyEntry
 * does) over library.bin's documents would leave them; `rank(row)`: the title's rank from
 * library.bin for a row it holds unchanged, -1 for a row a log line wrote; `updatedAt(row)`:
 * what the search index's fingerprint reads of each row besides its id.
 */
export function compactRows(c: CompactColumns, entries: readonly LogEntry[]): { rows: TableRows; rank(row: number): number; updatedAt(row: number): string } {
  const order = replayOrder(c, entries);
  const { columns, strings } = c;
  const at = order ? (row: number) => order[row]! : (row: number) => row;
  const opt = (ref: number) => (ref === NONE ? undefined : strings[ref]);
  const list = (flag: number, starts: Uint32Array, refs: Uint32Array) => (r: number) =>
    c.present[r]! & flag ? Array.from(refs.subarray(starts[r], starts[r + 1]), (ref) => strings[ref]!) : undefined;
  const tags = list(HAS_TAGS, c.tagStarts, c.tags);
  const collections = list(HAS_COLLECTIONS, c.collectionStarts, c.collections);
  // Each field: from the columns for a library.bin row, from the document for a log row.
  const field =
    <T>(fromColumns: (r: number) => T, fromDoc: (d: DocumentMeta) => T) =>
    (row: number): T => {
      const r = at(row);
      return typeof r === 'number' ? fromColumns(r) : fromDoc(r);
    };
  const rows: TableRows = {
    count: order ? order.length : c.count,
    id: field((r) => strings[columns.id[r]!]!, (d) => d.id),
    title: field((r) => strings[columns.title[r]!]!, (d) => d.title),
    sourceName: field((r) => strings[columns.sourceName[r]!]!, (d) => d.sourceName),
    importedAt: field((r) => strings[columns.importedAt[r]!]!, (d) => d.importedAt),
    size: field((r) => columns.sizeHigh[r]! * 0x1_0000_0000 + columns.sizeLow[r]!, (d) => d.size),
    type: field((r) => strings[columns.type[r]!]! as DocType, (d) => d.type),
    language: field((r) => opt(columns.language[r]!), (d) => d.language),
    date: field((r) => opt(columns.date[r]!), (d) => d.date),
    tags: field(tags, (d) => d.tags),
    collections: field(collections, (d) => d.collections),
    notices: field((r) => {
      const extra = opt(columns.extra[r]!);
      return extra === undefined ? undefined : compactExtra(extra).notices;
    }, (d) => d.notices),
  };
  const ranks = c.ranks;
  return {
    rows,
    updatedAt: field((r) => strings[columns.updatedAt[r]!]!, (d) => d.updatedAt),
    rank: (row) => {
      const r = at(row);
      return ranks && typeof r === 'number' ? ranks[r]! : -1;
    },
  };
}

/** The rows after the log's document changes; null when it has none (every row of library.bin, in its order). */
function replayOrder(c: CompactColumns, entries: readonly LogEntry[]): Row[] | null {
  if (!entries.some((e) => e.upsert?.length || e.remove?.length)) return null;
  const ids = c.columns.id;
  const rows: Row[] = Array.from({ length: c.count }, (_, i) => i);
  return replayDocuments(rows, entries, (r) => (typeof r === 'number' ? c.strings[ids[r]!]! : r.id), (doc) => doc);
}
