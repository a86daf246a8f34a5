/**
 * The index on disk: `index/search.bin`, written with writeFileDurable so a reader sees the
 * old index or the new, never a mix, and the positions file it names (positions-file.ts),
 * which is written before it and replaced only under a new name: search.bin, written last,
 * says which positions file and how much of it go with it.
 *
 * Layout (format 5): "MGSI" | u32 header length | u32 CRC-32 of all that follows | header JSON (space-padded to a multiple of 4) |
 * u32 offsets[termCount + 1] | u32 postings[postingCount] | u32 markStarts[docCount + 1] |
 * u32 marks[markCount] | u32 document table (doc-table.ts) | u32 serials[docCount] | per
 * segment of the positions file: u32 terms[n], starts[n], ends[n], crcs[n] | u8 the document
 * table's strings. Formats 3 and 4 held the positions themselves (u32 posStarts after the
 * postings, u8 positions before the strings): read into a segment in memory, and written
 * the new way at the next save. The header names the format and tokeniser versions and the
 * archive fingerprint the index was saved for; terms are one "\n"-joined string (tokens
 * never hold a line break), which parses far faster than a JSON array of 300k strings.
 * Loading makes views on the file's buffer: nothing is copied. Anything that does not
 * check out makes `readIndexFile` return null and the caller rebuilds: the index is a cache.
 */
import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { TOKENIZER_VERSION } from '../../../shared/text/tokenize';
import { writeFileDurable } from '../store/durable-file';
import { ANALYSIS_VERSION } from './analyze';
import { decodeDocTable, docTableWords, encodeDocTable, listLengths } from './doc-table';
import { SegmentWriter, type Segment } from './position-segments';
import type { FrozenState } from './posting-format';
import type { IndexedDocMeta } from './types';

/**
 * 5: the positions in a file of their own, read on demand (issue #19). 4: the table of
 * documents in binary (3 kept it as JSON tuples in the header: ~12 MB parsed at every start at
 * 100,000 documents). Formats 3 and 4 are still read (and written as 5 at the next save, so an
 * archive's index is not rebuilt for them); another format is rebuilt.
 */
export const FORMAT_VERSION = 5;
const BINARY_DOCS_FORMAT = 4;
const JSON_DOCS_FORMAT = 3;
const MAGIC = 'MGSI';
const LEAD = 12;
export const indexFile = (dir: string): string => join(dir, 'search.bin');

type DocTuple = [id: string, title: string, length: number, meta: IndexedDocMeta, extra?: string];

interface Header {
  format: number;
  analysis: number;
  tokenizer: number;
  fingerprint: string;
  termCount: number;
  postingCount: number;
  markCount: number;
  /** formats 3 and 4 */
  positionBytes?: number;
  /** format 5 */
  positions?: PositionsHeader;
  /** format 3 */
  docs?: DocTuple[];
  /** format 4: the document table's size */
  docCount?: number;
  docLists?: number[];
  docStrings?: number;
  docStringBytes?: number;
  docNul?: Record<string, string>;
  terms: string;
}

interface PositionsHeader {
  /** the positions file's name in the index folder, and how much of it is this index's */
  file: string;
  length: number;
  segments: { base: number; count: number; docs: number }[];
  nextSerial: number;
  deadDocs: number;
}

export interface IndexSnapshot extends FrozenState {
  fingerprint: string;
  /** the positions file its segments are in; undefined when every segment is in memory (read from format 3 or 4) */
  positions?: { file: string; length: number };
}


/** Writes search.bin for `s`, whose segments must all be in its positions file already. */
export async function writeIndexFile(dir: string, s: IndexSnapshot): Promise<void> {
  if (s.segments.some((g) => g.base < 0) || (s.segments.length && !s.positions)) throw new Error('search index: positions not written before search.bin');
  const markStarts = new Uint32Array(s.docs.length + 1);
  s.docs.forEach((d, num) => (markStarts[num + 1] = markStarts[num]! + (d.marks?.length ?? 0)));
  const markCount = markStarts[s.docs.length]!;
  const table = encodeDocTable(s.docs);
  const serials = Uint32Array.from(s.docs, (d) => d.serial);
  const segmentWords = s.segments.reduce((n, g) => n + g.terms.length * 4, 0);
  const words = s.offsets.length + s.frozen.length + markStarts.length + markCount + table.words.length + serials.length + segmentWords;
  const binary = Buffer.alloc(words * 4 + table.strings.length);
  const u32 = new Uint32Array(binary.buffer, binary.byteOffset, words);
  let at = 0;
  const put = (part: ArrayLike<number>) => {
    u32.set(part, at);
    at += part.length;
  };
  for (const part of [s.offsets, s.frozen, markStarts]) put(part);
  s.docs.forEach((d) => d.marks && put(d.marks));
  put(table.words);
  put(serials);
  for (const g of s.segments) for (const part of [g.terms, g.starts, g.ends, g.crcs]) put(part);
  binary.set(table.strings, words * 4);
  const header: Header = {
    format: FORMAT_VERSION,
    analysis: ANALYSIS_VERSION,
    tokenizer: TOKENIZER_VERSION,
    fingerprint: s.fingerprint,
    termCount: s.terms.length,
    postingCount: s.frozen.length,
    markCount,
    docCount: s.docs.length,
    docLists: listLengths(s.docs),
    docStrings: table.stringCount,
    docStringBytes: table.strings.length,
    ...(table.nul ? { docNul: table.nul } : {}),
    positions: {
      file: s.positions?.file ?? '',
      length: s.positions?.length ?? 0,
      segments: s.segments.map((g) => ({ base: g.base, count: g.terms.length, docs: g.docs })),
      nextSerial: s.nextSerial,
      deadDocs: s.deadDocs,
    },
    terms: s.terms.join('\n'),
  };
  let json = Buffer.from(JSON.stringify(header), 'utf8');
  if (json.length % 4) json = Buffer.concat([json, Buffer.alloc(4 - (json.length % 4), 0x20)]);
  const lead = Buffer.alloc(LEAD);
  lead.write(MAGIC, 0, 'latin1');
  lead.writeUInt32LE(json.length, 4);
  lead.writeUInt32LE(crc32(binary, crc32(json)), 8);
  await mkdir(dir, { recursive: true });
  await writeFileDurable(indexFile(dir), [lead, json, binary]);
}

/** search.bin's bytes and the CRC-32 of all but its lead, computed while it was read. */
export interface IndexBytes {
  file: Buffer;
  crc: number;
}

/** Read in slices this large: each slice's CRC runs while the disk reads the next. */
const CHUNK = 8 << 20;

/**
 * Reads search.bin, checking its CRC slice by slice as the slices arrive instead of after the
 * whole file (at 100,000 documents ~400 MB: a read, then a CRC pass, held up the first
 * answers; issue #19). Null when the file is missing or unreadable. Never rejects, so it can
 * be started early (Archive.open starts it before the library loads) and awaited later.
 */
export async function readIndexBytes(dir: string, chunk = CHUNK): Promise<IndexBytes | null> {
  let handle;
  try {
    handle = await open(indexFile(dir), 'r');
  } catch {
    return null;
  }
  try {
    const size = (await handle.stat()).size;
    const file = Buffer.allocUnsafe(size);
    let crc = 0;
    let done = 0;
    let pending = size ? handle.read(file, 0, Math.min(chunk, size), 0) : null;
    while (pending) {
      const { bytesRead } = await pending;
      if (bytesRead === 0) return null; // shorter than it was a moment ago: being replaced, so rebuilt
      const from = done;
      done += bytesRead;
      pending = done < size ? handle.read(file, done, Math.min(chunk, size - done), done) : null;
      const slice = file.subarray(Math.max(from, LEAD), done);
      if (slice.length > 0) crc = crc32(slice, crc);
    }
    return { file, crc };
  } catch {
    return null;
  } finally {
    await handle.close().catch(() => {});
  }
}

/** The positions of a format 3 or 4 index (every one in memory) as one segment, keyed by document number. */
function legacySegment(offsets: Uint32Array, frozen: Uint32Array, posStarts: Uint32Array, posBytes: Uint8Array): Segment {
  const writer = new SegmentWriter();
  for (let t = 0; t + 1 < offsets.length; t++) {
    for (let i = offsets[t]!; i < offsets[t + 1]!; i++) writer.add(t, frozen[i]! >>> 9, posBytes, posStarts[i]!, posStarts[i + 1]!);
  }
  return writer.finish();
}

/**
 * The saved index, or null when missing, from another version or fingerprint, or damaged.
 * `bytes`: the file as `readIndexBytes` read it, when the caller started that earlier.
 */
export async function readIndexFile(dir: string, fingerprint: string, bytes?: Promise<IndexBytes | null>): Promise<IndexSnapshot | null> {
  const read = await (bytes ?? readIndexBytes(dir));
  if (!read) return null;
  const { file } = read;
  try {
    if (file.length < LEAD || file.toString('latin1', 0, 4) !== MAGIC) return null;
    const headerLength = file.readUInt32LE(4);
    if (LEAD + headerLength > file.length || headerLength % 4) return null;
    if (read.crc !== file.readUInt32LE(8)) return null;
    const header = JSON.parse(file.toString('utf8', LEAD, LEAD + headerLength)) as Header;
    if (![FORMAT_VERSION, BINARY_DOCS_FORMAT, JSON_DOCS_FORMAT].includes(header.format) || header.analysis !== ANALYSIS_VERSION || header.tokenizer !== TOKENIZER_VERSION) return null;
    if (header.fingerprint !== fingerprint) return null;
    const { termCount, postingCount, markCount } = header;
    const legacy = header.format !== FORMAT_VERSION;
    const positionBytes = legacy ? header.positionBytes! : 0;
    const jsonDocs = header.format === JSON_DOCS_FORMAT;
    const docCount = jsonDocs ? header.docs!.length : header.docCount!;
    const tableWords = jsonDocs ? 0 : docTableWords(docCount, header.docLists!);
    const stringBytes = jsonDocs ? 0 : header.docStringBytes!;
    const segments = legacy ? [] : header.positions!.segments;
    const segmentWords = segments.reduce((n, g) => n + g.count * 4, 0);
    const words = termCount + 1 + postingCount + (legacy ? postingCount + 1 : 0) + docCount + 1 + markCount + tableWords + (legacy ? 0 : docCount + segmentWords);
    const binary = file.subarray(LEAD + headerLength);
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
  } catch {
    return null;
  }
}
