/**
 * The index on disk: one file, `index/search.bin`, written with writeFileDurable so a
 * reader sees the old index or the new, never a mix. One file because two cannot be
 * replaced together atomically.
 *
 * Layout: "MGSI" | u32 header length | u32 CRC-32 of all that follows | header JSON (space-padded to a multiple of 4) |
 * u32 offsets[termCount + 1] | u32 postings[postingCount] | u32 posStarts[postingCount + 1] |
 * u32 markStarts[docCount + 1] | u32 marks[markCount] | u8 positions[positionBytes]. The header names the format and tokeniser versions and the
 * archive fingerprint the index was saved for; terms are one "\n"-joined string (tokens
 * never hold a line break), which parses far faster than a JSON array of 300k strings.
 * Loading makes views on the file's buffer: nothing is copied. Anything that does not
 * check out makes `readIndexFile` return null and the caller rebuilds: the index is a cache.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { TOKENIZER_VERSION } from '../../../shared/text/tokenize';
import { writeFileDurable } from '../store/durable-file';
import { ANALYSIS_VERSION } from './analyze';
import type { DocEntry, FrozenState } from './postings';
import type { IndexedDocMeta } from './types';

/** 3: positions and marks (format 1 had neither; 2 kept marks in the header); another format is rebuilt. */
export const FORMAT_VERSION = 3;
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
  docs: DocTuple[];
  terms: string;
}

export interface IndexSnapshot extends FrozenState {
  fingerprint: string;
}

const docTuple = (d: DocEntry): DocTuple => (d.extra ? [d.id, d.title, d.length, d.meta, d.extra] : [d.id, d.title, d.length, d.meta]);

export async function writeIndexFile(dir: string, s: IndexSnapshot): Promise<void> {
  const markStarts = new Uint32Array(s.docs.length + 1);
  s.docs.forEach((d, num) => (markStarts[num + 1] = markStarts[num]! + (d.marks?.length ?? 0)));
  const markCount = markStarts[s.docs.length]!;
  const words = s.offsets.length + s.frozen.length + s.posStarts.length + markStarts.length + markCount;
  const binary = Buffer.alloc(words * 4 + s.posBytes.length);
  const u32 = new Uint32Array(binary.buffer, binary.byteOffset, words);
  let at = 0;
  for (const part of [s.offsets, s.frozen, s.posStarts, markStarts]) {
    u32.set(part, at);
    at += part.length;
  }
  s.docs.forEach((d, num) => d.marks && u32.set(d.marks, at + markStarts[num]!));
  binary.set(s.posBytes, words * 4);
  const header: Header = {
    format: FORMAT_VERSION,
    analysis: ANALYSIS_VERSION,
    tokenizer: TOKENIZER_VERSION,
    fingerprint: s.fingerprint,
    termCount: s.terms.length,
    postingCount: s.frozen.length,
    positionBytes: s.posBytes.length,
    markCount,
    docs: s.docs.map(docTuple),
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

/** The saved index, or null when missing, from another version or fingerprint, or damaged. */
export async function readIndexFile(dir: string, fingerprint: string): Promise<IndexSnapshot | null> {
  let file: Buffer;
  try {
    file = await readFile(indexFile(dir));
  } catch {
    return null;
  }
  try {
    if (file.length < LEAD || file.toString('latin1', 0, 4) !== MAGIC) return null;
    const headerLength = file.readUInt32LE(4);
    if (LEAD + headerLength > file.length || headerLength % 4) return null;
    if (crc32(file.subarray(LEAD)) !== file.readUInt32LE(8)) return null;
    const header = JSON.parse(file.toString('utf8', LEAD, LEAD + headerLength)) as Header;
    if (header.format !== FORMAT_VERSION || header.analysis !== ANALYSIS_VERSION || header.tokenizer !== TOKENIZER_VERSION) return null;
    if (header.fingerprint !== fingerprint) return null;
    const { termCount, postingCount, positionBytes, markCount } = header;
    const docCount = header.docs.length;
    const words = termCount + 1 + postingCount + postingCount + 1 + docCount + 1 + markCount;
    const binary = file.subarray(LEAD + headerLength);
    if (binary.length !== words * 4 + positionBytes) return null;
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
    return {
      fingerprint,
      docs: header.docs.map(([id, title, length, meta, extra], num) => {
        const from = markStarts[num]!;
        const to = markStarts[num + 1]!;
        return { id, title, length, meta, ...(extra ? { extra } : {}), ...(to > from ? { marks: marks.subarray(from, to) } : {}) };
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
