/**
 * JSON.stringify's text of a value, in pieces (issue #19). The library table's answer is
 * ~13 MB of JSON at 100,000 documents; as one string it is held as UTF-16 as soon as one
 * title is Chinese (~26 MB), beside its UTF-8 bytes for the socket (~13 MB), at the moment
 * `serve` peaks (the index loads right after). In pieces, each piece is made, encoded and
 * dropped in turn: only the bytes are held.
 *
 * Exactly JSON.stringify's text: large arrays and plain objects near the top are split
 * (elements and members as JSON.stringify writes them, in the same order), everything else
 * — small values, anything with toJSON, typed arrays, class instances — is left to
 * JSON.stringify itself.
 */

/** Pieces of about this many characters. */
export const PIECE_CHARS = 64 * 1024;
/** Containers this deep or deeper are written whole (answers are wide, not deep). */
const SPLIT_DEPTH = 4;
/** Elements written whole are stringified this many at a time. */
const RUN = 256;

/** The pieces of JSON.stringify(value) (which must not be undefined at the top). */
export function* jsonPieces(value: unknown, pieceChars = PIECE_CHARS): Generator<string> {
  let piece = '';
  function* walk(v: unknown, depth: number): Generator<string> {
    if (Array.isArray(v)) {
      piece += '[';
      for (let i = 0; i < v.length; ) {
        if (i) piece += ',';
        const item: unknown = v[i];
        if (splits(item, depth + 1)) {
          yield* walk(item, depth + 1);
          i++;
        } else {
          // A run of elements written whole: one JSON.stringify for the run (its brackets cut), as fast as for the whole array.
          let end = i + 1;
          while (end < v.length && end - i < RUN && !splits(v[end], depth + 1)) end++;
          piece += JSON.stringify(v.slice(i, end)).slice(1, -1);
          i = end;
        }
        if (piece.length >= pieceChars) {
          yield piece;
          piece = '';
        }
      }
      piece += ']';
      return;
    }
    piece += '{';
    let first = true;
    const object = v as Record<string, unknown>;
    for (const key of Object.keys(object)) {
      const member = object[key];
      const split = splits(member, depth + 1);
      const text = split ? '' : JSON.stringify(member);
      if (text === undefined) continue; // left out, as JSON.stringify leaves it out
      piece += `${first ? '' : ','}${JSON.stringify(key)}:`;
      first = false;
      if (split) yield* walk(member, depth + 1);
      else piece += text;
      if (piece.length >= pieceChars) {
        yield piece;
        piece = '';
      }
    }
    piece += '}';
  }
  if (splits(value, 0)) yield* walk(value, 0);
  else piece = JSON.stringify(value);
  if (piece) yield piece;
}

/** Whether `v` is written member by member here (an array or a plain object, not too deep, without toJSON). */
function splits(v: unknown, depth: number): boolean {
  if (depth >= SPLIT_DEPTH || typeof v !== 'object' || v === null || hasToJson(v)) return false;
  if (Array.isArray(v)) return true;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

const hasToJson = (v: object): boolean => typeof (v as { toJSON?: unknown }).toJSON === 'function';

/** The UTF-8 bytes of JSON.stringify(value), a piece at a time: never the whole text as one string. */
export function jsonBytes(value: unknown, pieceChars = PIECE_CHARS): Buffer[] {
  return Array.from(jsonPieces(value, pieceChars), (piece) => Buffer.from(piece, 'utf8'));
}
