/**
 * The listed documents one at a time, in library order (issue #19). `library.list` answers
 * every document's metadata: at 100,000 documents, making them all objects first (the
 * library's materialize, kept for the session) and then the answer's array beside them held
 * ~100 MB more than `serve` needs for the library view. A cursor makes each document when it
 * is asked for and the caller drops it: straight from library.bin's columns while the library
 * has not made its documents objects, from those objects once it has.
 */
import type { DocumentMeta } from '../../../shared/model';
import { type CompactColumns, decodeDocument } from './library-compact';
import { type LogEntry, replayDocuments } from './library-log';

export interface DocumentCursor {
  /** how many documents are listed (as the cursor was made: later changes are not seen) */
  readonly count: number;
  /** the document at place `i` (0 ≤ i < count), made on each call from columns */
  at(i: number): DocumentMeta;
}

/** The documents as objects (the library made them); changes replace the array, adds append past `count`. */
export function arrayCursor(docs: readonly DocumentMeta[]): DocumentCursor {
  return { count: docs.length, at: (i) => docs[i]! };
}

/**
 * library.bin's documents with the log's lines since replayed over them, in the order the
 * library's materialize would give (the same replayDocuments): a row is library.bin's place,
 * or the document as a log line wrote it.
 */
export function compactCursor(c: CompactColumns, entries: readonly LogEntry[]): DocumentCursor {
  if (!entries.some((e) => e.upsert?.length || e.remove?.length)) return { count: c.count, at: (i) => decodeDocument(c, i) };
  const ids = c.columns.id;
  const rows = replayDocuments<number | DocumentMeta>(Array.from({ length: c.count }, (_, i) => i), entries, (r) => (typeof r === 'number' ? c.strings[ids[r]!]! : r.id), (doc) => doc);
  return {
    count: rows.length,
    at: (i) => {
      const row = rows[i]!;
      return typeof row === 'number' ? decodeDocument(c, row) : row;
    },
  };
}
