/**
 * The index on disk: one file, `index/search.bin`, written with writeFileDurable so a
 * reader sees the old index or the new, never a mix. One file because two cannot be
 * replaced together atomically.
 *
 * Layout: "MGSI" | u32 header length | u32 CRC-32 of all that follows | header JSON (space-padded to a multiple of 4) |
 * u32 offsets[termCount + 1] | u32 postings[postingCount] | u32 posStarts[postingCount + 1] |
 * u32 markStarts[docCount + 1] | u32 marks[markCount] | u32 document table (doc-table.ts) |
 * u8 positions[positionBytes] | u8 the document table's strings. The header names the format and tokeniser versions and the
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
import type { FrozenState } from './postings';
import type { IndexedDocMeta } from './types';

/**
 * 4: the table of documents in binary (3 kept it as JSON tuples in the header: ~12 MB parsed at
 * every start at 100,000 documents; issue #19). Format 3 is still read (and written as 4 at the
 * next save, so an archive's index is not rebuilt for it); another format is rebuilt.
 */
export const FORMAT_VERSION = 4;
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
  positionBytes: number;
  markCount: number;
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

export interface IndexSnapshot extends FrozenState {
  fingerprint: string;
}


export async function writeIndexFile(dir: string, s: IndexSnapshot): Promise<void> {
  const markStarts = new Uint32Array(s.docs.length + 1);
  s.docs.forEach((d, num) => (markStarts[num + 1] = markStarts[num]! + (d.marks?.length ?? 0)));
  const markCount = markStarts[s.docs.length]!;
  const table = encodeDocTable(s.docs);
  const words = s.offsets.length + s.frozen.length + s.posStarts.length + markStarts.length + markCount + table.words.length;
  const binary = Buffer.alloc(words * 4 + s.posBytes.length + table.strings.length);
  const u32 = new Uint32Array(binary.buffer, binary.byteOffset, words);
  let at = 0;
  for (const part of [s.offsets, s.frozen, s.posStarts, markStarts]) {
    u32.set(part, at);
    at += part.length;
  }
  s.docs.forEach((d, num) => d.marks && u32.set(d.marks, at + markStarts[num]!));
  u32.set(table.words, at + markCount);
  binary.set(s.posBytes, words * 4);
  binary.set(table.strings, words * 4 + s.posBytes.length);
  const header: Header = {
    format: FORMAT_VERSION,
    analysis: ANALYSIS_VERSION,
    tokenizer: TOKENIZER_VERSION,
    fingerprint: s.fingerprint,
    termCount: s.terms.length,
    postingCount: s.frozen.length,
    positionBytes: s.posBytes.length,
    markCount,
    docCount: s.docs.length,
    docLists: listLengths(s.docs),
    docStrings: table.stringCount,
    docStringBytes: table.strings.length,
    ...(table.nul ? { docNul: table.nul } : {}),
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
    if ((header.format !== FORMAT_VERSION && header.format !== JSON_DOCS_FORMAT) || header.analysis !== ANALYSIS_VERSION || header.tokenizer !== TOKENIZER_VERSION) return null;
    if (header.fingerprint !== fingerprint) return null;
    const { termCount, postingCount, positionBytes, markCount } = header;
    const jsonDocs = header.format === JSON_DOCS_FORMAT;
    const docCount = jsonDocs ? header.docs!.length : header.docCount!;
    const tableWords = jsonDocs ? 0 : docTableWords(docCount, header.docLists!);
    const stringBytes = jsonDocs ? 0 : header.docStringBytes!;
    const words = termCount + 1 + postingCount + postingCount + 1 + docCount + 1 + markCount + tableWords;
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
    const posStarts = next(postingCount + 1);
    const markStarts = next(docCount + 1);
    const marks = next(markCount);
    if (posStarts[postingCount] !== positionBytes || markStarts[docCount] !== markCount) return null;
    const table = jsonDocs
      ? header.docs!.map(([id, title, length, meta, extra]) => ({ id, title, length, meta, ...(extra ? { extra } : {}) }))
      : decodeDocTable(next(tableWords), docCount, aligned.toString('utf8', words * 4 + positionBytes), header.docStrings!, header.docNul);
    if (!table) return null;
    return {
      fingerprint,
      docs: table.map((doc, num) => {
        const from = markStarts[num]!;
        const to = markStarts[num + 1]!;
        return to > from ? { ...doc, marks: marks.subarray(from, to) } : doc;
      }),
      terms,
      offsets,
      frozen,
      posStarts,
      posBytes: new Uint8Array(aligned.buffer, aligned.byteOffset + words * 4, positionBytes),
    };
  } catch {
    return null;
  }
}
