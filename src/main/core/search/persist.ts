/**
 * The index on disk: `index/search.bin`, written with writeFileDurable so a reader sees the
 * old index or the new, never a mix, and the positions file it names (positions-file.ts),
 * which is written before it and replaced only under a new name: search.bin, written last,
 * says which positions file and how much of it go with it.
 *
 * Layout (format 6): "MGSI" | u32 header length | u32 CRC-32 of the checked part | header
 * JSON (space-padded to a multiple of 4) | u32 offsets[termCount + 1] | u32 termEnds[termCount]
 * | u32 block firsts[blocks], crcs[blocks] (posting-file.ts) | the document columns' words
 * (doc-columns.ts) | per segment of the positions file: u32 terms[n], starts[n], ends[n],
 * crcs[n] | u8 terms (UTF-8) | u8 the documents' strings | padding to 4 | — the checked part
 * ends here, at header.postingsAt — | u32 postings[postingCount].
 *
 * Loading reads and checks only the part before the postings, and makes views on it (terms
 * and documents stay bytes until a query reads them); the postings are read per block of
 * terms when first needed, each block checked by its own CRC (issue #19: the whole file was
 * ~150 MB read, checked and held at 100,000 documents, most of it postings). Formats 3, 4 and
 * 5 are still read whole (persist-old.ts) and written as 6 at the next save. Anything that
 * does not check out makes `readIndexFile` return null and the caller rebuilds: the index is
 * a cache.
 */
import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { TOKENIZER_VERSION } from '../../../shared/text/tokenize';
import { writeFileDurable } from '../store/durable-file';
import { ANALYSIS_VERSION } from './analyze';
import { DocColumns, docColumnWords, encodeDocColumns } from './doc-columns';
import { OLD_FORMATS, readOldFormat, type OldHeader } from './persist-old';
import { PostingFile, postingBlocks } from './posting-file';
import type { Segment } from './position-segments';
import type { FrozenState } from './posting-format';
import { StoredTerms } from './term-table';

/**
 * 6: postings read per block on demand, terms and documents kept as bytes (issue #19).
 * 5: positions in a file of their own. 4: the documents in binary. 3: the documents as JSON.
 */
export const FORMAT_VERSION = 6;
const MAGIC = 'MGSI';
const LEAD = 12;
export const indexFile = (dir: string): string => join(dir, 'search.bin');

interface Header {
  format: number;
  analysis: number;
  tokenizer: number;
  fingerprint: string;
  termCount: number;
  termBytes: number;
  postingCount: number;
  blocks: number;
  docCount: number;
  docLists: number[];
  docStrings: number;
  docStringBytes: number;
  markCount: number;
  positions: {
    /** the positions file's name in the index folder, and how much of it is this index's */
    file: string;
    length: number;
    segments: { base: number; count: number; docs: number }[];
    nextSerial: number;
    deadDocs: number;
  };
  /** bytes from the header's end to the postings: the part the lead's CRC covers, read at load */
  checkedBytes: number;
}

export interface IndexSnapshot extends FrozenState {
  fingerprint: string;
  /** the positions file its segments are in; undefined when every segment is in memory (read from format 3 or 4) */
  positions?: { file: string; length: number };
  /** format 6: `frozen` is blank and is filled from the file by this, per block */
  postings?: PostingFile;
  /** the format it was read from (a save writes the current one) */
  format?: number;
}

const pad4 = (n: number) => (4 - (n % 4)) % 4;

/** Writes search.bin for `s`, whose segments must all be in its positions file already. */
export async function writeIndexFile(dir: string, s: IndexSnapshot): Promise<void> {
  if (s.segments.some((g) => g.base < 0) || (s.segments.length && !s.positions)) throw new Error('search index: positions not written before search.bin');
  const terms = StoredTerms.encode(Array.isArray(s.terms) ? s.terms : s.terms.all());
  const table = encodeDocColumns(s.docs);
  const blocks = postingBlocks(s.frozen, s.offsets);
  const words: Uint32Array[] = [s.offsets, terms.ends, blocks.firsts, blocks.crcs, table.words];
  for (const g of s.segments) words.push(g.terms, g.starts, g.ends, g.crcs);
  const wordCount = words.reduce((n, w) => n + w.length, 0);
  const byteCount = terms.bytes.length + table.strings.length;
  const checked = Buffer.alloc(wordCount * 4 + byteCount + pad4(byteCount));
  const u32 = new Uint32Array(checked.buffer, checked.byteOffset, wordCount);
  let at = 0;
  for (const w of words) {
    u32.set(w, at);
    at += w.length;
  }
  checked.set(terms.bytes, wordCount * 4);
  checked.set(table.strings, wordCount * 4 + terms.bytes.length);
  const header: Omit<Header, 'checkedBytes'> = {
    format: FORMAT_VERSION,
    analysis: ANALYSIS_VERSION,
    tokenizer: TOKENIZER_VERSION,
    fingerprint: s.fingerprint,
    termCount: terms.ends.length,
    termBytes: terms.bytes.length,
    postingCount: s.frozen.length,
    blocks: blocks.firsts.length,
    docCount: s.docs.length,
    docLists: table.listLengths,
    docStrings: table.stringCount,
    docStringBytes: table.strings.length,
    markCount: table.markCount,
    positions: {
      file: s.positions?.file ?? '',
      length: s.positions?.length ?? 0,
      segments: s.segments.map((g) => ({ base: g.base, count: g.terms.length, docs: g.docs })),
      nextSerial: s.nextSerial,
      deadDocs: s.deadDocs,
    },
  };
  let head = Buffer.from(JSON.stringify({ ...header, checkedBytes: checked.length }), 'utf8');
  if (head.length % 4) head = Buffer.concat([head, Buffer.alloc(pad4(head.length), 0x20)]);
  const lead = Buffer.alloc(LEAD);
  lead.write(MAGIC, 0, 'latin1');
  lead.writeUInt32LE(head.length, 4);
  lead.writeUInt32LE(crc32(checked, crc32(head)), 8);
  await mkdir(dir, { recursive: true });
  await writeFileDurable(indexFile(dir), [lead, head, checked, new Uint8Array(s.frozen.buffer, s.frozen.byteOffset, s.frozen.byteLength)]);
}

/** search.bin's checked part (all of it for older formats), its CRC-32 computed while it was read, and which file it was. */
export interface IndexBytes {
  file: Buffer;
  crc: number;
  path: string;
  size: number;
  ino: number;
  /** the format its header names, when it has one */
  format?: number;
}

/** Read in slices this large: each slice's CRC runs while the disk reads the next. */
const CHUNK = 8 << 20;

/** Where the checked part ends (after the header, checkedBytes in format 6; the whole file before), and the format. */
function checkedEnd(head: Buffer, size: number): { end: number; format?: number } {
  try {
    const header = JSON.parse(head.toString('utf8', LEAD)) as Partial<Header>;
    const format = typeof header.format === 'number' ? { format: header.format } : {};
    const end = head.length + (header.checkedBytes ?? NaN);
    return { end: header.format === FORMAT_VERSION && Number.isInteger(end) && end <= size ? end : size, ...format };
  } catch {
    return { end: size }; // not a header: the whole file is read, and refused by readIndexFile
  }
}

/**
 * Reads search.bin's checked part, checking its CRC slice by slice as the slices arrive
 * (issue #19: the read and the CRC pass overlap). Null when the file is missing or
 * unreadable. Never rejects, so it can be started early (Archive.open starts it before the
 * library loads) and awaited later.
 */
export async function readIndexBytes(dir: string, chunk = CHUNK): Promise<IndexBytes | null> {
  const path = indexFile(dir);
  let handle;
  try {
    handle = await open(path, 'r');
  } catch {
    return null;
  }
  try {
    const stat = await handle.stat();
    const size = stat.size;
    const readAll = async (into: Buffer, from: number, to: number) => {
      for (let done = from; done < to; ) {
        const { bytesRead } = await handle.read(into, done, to - done, done);
        if (bytesRead === 0) return false; // shorter than it was a moment ago: being replaced, so rebuilt
        done += bytesRead;
      }
      return true;
    };
    // The lead and header first: they say how much of the file is read now.
    let head = Buffer.allocUnsafe(Math.min(LEAD, size));
    if (!(await readAll(head, 0, head.length))) return null;
    if (size >= LEAD) {
      const headerLength = head.readUInt32LE(4);
      if (LEAD + headerLength <= size) {
        head = Buffer.concat([head, Buffer.allocUnsafe(headerLength)]);
        if (!(await readAll(head, LEAD, head.length))) return null;
      }
    }
    const { end, format } = checkedEnd(head, size);
    const file = Buffer.allocUnsafe(end);
    head.copy(file, 0, 0, Math.min(head.length, end));
    let crc = head.length > LEAD ? crc32(head.subarray(LEAD, Math.min(head.length, end))) : 0;
    let done = Math.min(head.length, end);
    let pending = done < end ? handle.read(file, done, Math.min(chunk, end - done), done) : null;
    while (pending) {
      const { bytesRead } = await pending;
      if (bytesRead === 0) return null;
      const from = done;
      done += bytesRead;
      pending = done < end ? handle.read(file, done, Math.min(chunk, end - done), done) : null;
      crc = crc32(file.subarray(from, done), crc);
    }
    return { file, crc, path, size, ino: stat.ino, ...(format !== undefined ? { format } : {}) };
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
    if (header.analysis !== ANALYSIS_VERSION || header.tokenizer !== TOKENIZER_VERSION || header.fingerprint !== fingerprint) return null;
    const binary = file.subarray(LEAD + headerLength);
    if (OLD_FORMATS.includes(header.format)) {
      const old = readOldFormat(binary, header as unknown as OldHeader, fingerprint);
      return old && { ...old, format: header.format };
    }
    return header.format === FORMAT_VERSION ? readCurrent(binary, header, read) : null;
  } catch {
    return null;
  }
}

/** Format 6 from its checked part (`binary`: all after the header). */
function readCurrent(binary: Buffer, header: Header, read: IndexBytes): IndexSnapshot | null {
  const { termCount, docCount, blocks } = header;
  const p = header.positions;
  const segmentWords = p.segments.reduce((n, g) => n + g.count * 4, 0);
  const columnWords = docColumnWords(docCount, header.docLists, header.docStrings, header.markCount);
  const words = termCount + 1 + termCount + 2 * blocks + columnWords + segmentWords;
  const bytes = header.termBytes + header.docStringBytes;
  if (binary.length !== header.checkedBytes || binary.length !== words * 4 + bytes + pad4(bytes)) return null;
  const aligned = binary.byteOffset % 4 === 0 ? binary : Buffer.from(binary);
  const u32 = new Uint32Array(aligned.buffer, aligned.byteOffset, words);
  let at = 0;
  const next = (n: number) => u32.subarray(at, (at += n));
  const offsets = next(termCount + 1);
  const termEnds = next(termCount);
  const firsts = next(blocks);
  const crcs = next(blocks);
  const columns = next(columnWords);
  const segments: Segment[] = p.segments.map((g) => {
    const [terms, starts, ends, segmentCrcs] = [next(g.count), next(g.count), next(g.count), next(g.count)] as [Uint32Array, Uint32Array, Uint32Array, Uint32Array];
    return { terms, starts, ends, crcs: segmentCrcs, base: g.base, bytes: undefined, docs: g.docs };
  });
  for (const g of segments) for (let k = 0; k < g.terms.length; k++) if (g.base + g.ends[k]! > p.length || g.starts[k]! > g.ends[k]! || g.terms[k]! >= termCount) return null;
  for (let t = 0; t < termCount; t++) if (offsets[t]! > offsets[t + 1]!) return null;
  if (offsets[termCount] !== header.postingCount || offsets[0] !== 0) return null;
  for (let b = 0; b < blocks; b++) if (firsts[b]! >= termCount || (b && firsts[b]! <= firsts[b - 1]!) || (b === 0 && firsts[0] !== 0)) return null;
  if (termCount > 0 && blocks === 0) return null;
  const termBytes = aligned.subarray(words * 4, words * 4 + header.termBytes);
  const terms = StoredTerms.open(termBytes, termEnds);
  const table = DocColumns.open(columns, aligned.subarray(words * 4 + header.termBytes, words * 4 + header.termBytes + header.docStringBytes), docCount, header.docLists, header.docStrings, header.markCount);
  if (!terms || !table) return null;
  // Blank until read: its pages cost no memory until a block is read into them.
  const frozen = new Uint32Array(header.postingCount);
  const postings = PostingFile.open({ path: read.path, at: read.file.length, ino: read.ino, size: read.size, firsts, crcs }, frozen, offsets);
  if (!postings) return null;
  return {
    fingerprint: header.fingerprint,
    docs: table.rows(),
    terms,
    offsets,
    frozen,
    postings,
    segments,
    nextSerial: p.nextSerial,
    deadDocs: p.deadDocs,
    format: FORMAT_VERSION,
    ...(p.file ? { positions: { file: p.file, length: p.length } } : {}),
  };
}
