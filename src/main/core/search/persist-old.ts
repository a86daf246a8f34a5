/**
 * Reading search.bin formats 3, 4 and 5 (written before format 6, persist.ts), so that an
 * archive's index is not rebuilt for them: it is read whole, as then, and written as format 6
 * at the next save.
 *
 * Format 5: "MGSI" | u32 header length | u32 CRC-32 of all that follows | header JSON |
 * u32 offsets[termCount + 1] | u32 postings[postingCount] | u32 markStarts[docCount + 1] |
 * u32 marks[markCount] | u32 document table (doc-table.ts) | u32 serials[docCount] | per
 * segment of the positions file: u32 terms[n], starts[n], ends[n], crcs[n] | u8 the document
 * table's strings. Formats 3 and 4 held the positions themselves (u32 posStarts after the
 * postings, u8 positions before the strings), read into a segment in memory; 3 held the
 * documents as JSON tuples in the header. Terms are one "\n"-joined string in the header.
 */
import { decodeDocTable, docTableWords } from './doc-table';
import { SegmentWriter, type Segment } from './position-segments';
import type { IndexedDocMeta } from './types';
import type { IndexSnapshot } from './persist';

export const OLD_FORMATS = [5, 4, 3];
const JSON_DOCS_FORMAT = 3;

type DocTuple = [id: string, title: string, length: number, meta: IndexedDocMeta, extra?: string];

export interface OldHeader {
  format: number;
  termCount: number;
  postingCount: number;
  markCount: number;
  /** formats 3 and 4 */
  positionBytes?: number;
  /** format 5 */
  positions?: {
    file: string;
    length: number;
    segments: { base: number; count: number; docs: number }[];
    nextSerial: number;
    deadDocs: number;
  };
  /** format 3 */
  docs?: DocTuple[];
  /** format 4 and 5: the document table's size */
  docCount?: number;
  docLists?: number[];
  docStrings?: number;
  docStringBytes?: number;
  docNul?: Record<string, string>;
  terms: string;
}

/** The positions of a format 3 or 4 index (every one in memory) as one segment, keyed by document number. */
function legacySegment(offsets: Uint32Array, frozen: Uint32Array, posStarts: Uint32Array, posBytes: Uint8Array): Segment {
  const writer = new SegmentWriter();
  for (let t = 0; t + 1 < offsets.length; t++) {
    for (let i = offsets[t]!; i < offsets[t + 1]!; i++) writer.add(t, frozen[i]! >>> 9, posBytes, posStarts[i]!, posStarts[i + 1]!);
  }
  return writer.finish();
}

/** The index `binary` (all that follows the header) holds; null when it does not check out. */
export function readOldFormat(binary: Buffer, header: OldHeader, fingerprint: string): IndexSnapshot | null {
  const { termCount, postingCount, markCount } = header;
  const legacy = header.format !== 5;
  const positionBytes = legacy ? header.positionBytes! : 0;
  const jsonDocs = header.format === JSON_DOCS_FORMAT;
  const docCount = jsonDocs ? header.docs!.length : header.docCount!;
  const tableWords = jsonDocs ? 0 : docTableWords(docCount, header.docLists!);
  const stringBytes = jsonDocs ? 0 : header.docStringBytes!;
  const segments = legacy ? [] : header.positions!.segments;
  const segmentWords = segments.reduce((n, g) => n + g.count * 4, 0);
  const words = termCount + 1 + postingCount + (legacy ? postingCount + 1 : 0) + docCount + 1 + markCount + tableWords + (legacy ? 0 : docCount + segmentWords);
  if (binary.length !== words * 4 + positionBytes + stringBytes) return null;
  // Typed arrays need 4-byte alignment; readFile's buffer starts at 0, but do not rely on it.
  const aligned = binary.byteOffset % 4 === 0 ? binary : Buffer.from(binary);
  const u32 = new Uint32Array(aligned.buffer, aligned.byteOffset, words);
  const terms = termCount ? header.terms.split('\n') : [];
  if (terms.length !== termCount) return null;
  let at = 0;
  const next = (n: number) => u32.subarray(at, (at += n));
  const offsets = next(termCount + 1);
  const frozen = next(postingCount);
  const posStarts = legacy ? next(postingCount + 1) : undefined;
  const markStarts = next(docCount + 1);
  const marks = next(markCount);
  if ((posStarts && posStarts[postingCount] !== positionBytes) || markStarts[docCount] !== markCount) return null;
  const table = jsonDocs
    ? header.docs!.map(([id, title, length, meta, extra]) => ({ id, title, length, meta, ...(extra ? { extra } : {}) }))
    : decodeDocTable(next(tableWords), docCount, aligned.toString('utf8', words * 4 + positionBytes), header.docStrings!, header.docNul);
  if (!table) return null;
  const serials = legacy ? undefined : next(docCount);
  const docs = table.map((doc, num) => {
    const from = markStarts[num]!;
    const to = markStarts[num + 1]!;
    const serial = serials ? serials[num]! : num;
    return to > from ? { ...doc, serial, marks: marks.subarray(from, to) } : { ...doc, serial };
  });
  const base = { fingerprint, docs, terms, offsets, frozen };
  if (posStarts) {
    const posBytes = new Uint8Array(aligned.buffer, aligned.byteOffset + words * 4, positionBytes);
    return { ...base, segments: [legacySegment(offsets, frozen, posStarts, posBytes)], nextSerial: docCount, deadDocs: 0 };
  }
  const p = header.positions!;
  const onDisk: Segment[] = segments.map((g) => {
    const [terms, starts, ends, crcs] = [next(g.count), next(g.count), next(g.count), next(g.count)] as [Uint32Array, Uint32Array, Uint32Array, Uint32Array];
    return { terms, starts, ends, crcs, base: g.base, bytes: undefined, docs: g.docs };
  });
  for (const g of onDisk) for (let k = 0; k < g.terms.length; k++) if (g.base + g.ends[k]! > p.length || g.starts[k]! > g.ends[k]!) return null;
  return { ...base, segments: onDisk, nextSerial: p.nextSerial, deadDocs: p.deadDocs, ...(p.file ? { positions: { file: p.file, length: p.length } } : {}) };
}
