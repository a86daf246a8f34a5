/**
 * library.list: every document's metadata (without `checks`, the core's own checksums) and
 * whether it has annotations, for the CLI, scripts and the HTTP API (the library view loads
 * library.table). At 100,000 documents its answer is ~38 MB of JSON: building it as 100,000
 * objects and then one string (held twice when a title makes it two-byte, and again as the
 * socket's bytes) took `serve` from ~270 MB to ~500 MB (issue #19). So over HTTP the answer
 * is written piece by piece (`libraryListJson`): documents are made one at a time from the
 * library's cursor, each piece is ~64 KB of JSON, and the next is made only when the socket
 * has taken the last. The text is the same as JSON.stringify of the whole answer.
 */
import type { DocumentMeta, LibraryEntry } from '../../shared/model';
import type { Archive } from './archive';
import type { DocumentCursor } from './store/library-cursor';

/** Pieces of about this many characters: large enough that writing them costs little, small enough to hold none for long. */
const PIECE_CHARS = 64 * 1024;

/** The answer as an array (in-process and IPC callers, which take objects). */
export async function libraryList(archive: Archive): Promise<LibraryEntry[]> {
  const annotated = await archive.annotatedIds();
  const cursor = archive.listCursor();
  return Array.from({ length: cursor.count }, (_, i) => entry(cursor, i, annotated));
}

/**
 * The answer as pieces of its JSON text, made as they are asked for. What can fail (the
 * annotation flags may wait for the index) happens before this resolves, so a transport can
 * still answer an error; the pieces themselves cannot fail (library.bin's references are
 * checked at open).
 */
export async function libraryListJson(archive: Archive, pieceChars = PIECE_CHARS): Promise<Iterable<string>> {
  const annotated = await archive.annotatedIds();
  const cursor = archive.listCursor();
  return pieces(cursor, annotated, pieceChars);
}

function* pieces(cursor: DocumentCursor, annotated: ReadonlySet<string>, pieceChars: number): Generator<string> {
  let piece = '[';
  for (let i = 0; i < cursor.count; i++) {
    piece += (i ? ',' : '') + entryJson(cursor.at(i), annotated);
    if (piece.length >= pieceChars) {
      yield piece;
      piece = '';
    }
  }
  yield `${piece}]`;
}

/**
 * JSON.stringify(entry(...)) without copying the document twice: its JSON less `checks`, with
 * `hasAnnotations` added last (where the copy's spread put it).
 */
function entryJson(doc: DocumentMeta, annotated: ReadonlySet<string>): string {
  const json = JSON.stringify(doc, function (this: unknown, key: string, value: unknown) {
    return key === 'checks' && this === doc ? undefined : value;
  });
  return `${json.slice(0, -1)},"hasAnnotations":${annotated.has(doc.id)}}`;
}

function entry(cursor: DocumentCursor, i: number, annotated: ReadonlySet<string>): LibraryEntry {
  const { checks: _checks, ...meta } = cursor.at(i);
  return { ...meta, hasAnnotations: annotated.has(meta.id) };
}
