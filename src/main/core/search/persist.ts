/**
 * The index on disk: one file, `index/search.bin`, written with writeFileDurable so a
 * reader sees the old index or the new, never a mix. One file because two cannot be
 * replaced together atomically.
 *
 * Layout: "MGSI" | u32 header length | u32 CRC-32 of all that follows | header JSON (space-padded to a multiple of 4) |
 * u32 offsets[termCount + 1] | u32 postings[]. The header names the format and tokeniser
 * versions and the archive fingerprint the index was saved for; terms are one "\n"-joined string (tokens never hold a line break), which parses
 * far faster than a JSON array of 300k strings. Anything that does not check out makes
 * `readIndexFile` return null and the caller rebuilds: the index is a cache.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { TOKENIZER_VERSION } from '../../../shared/text/tokenize';
import { writeFileDurable } from '../store/durable-file';
import type { DocEntry } from './postings';
import type { IndexedDocMeta } from './types';

export const FORMAT_VERSION = 1;
const MAGIC = 'MGSI';
const LEAD = 12;
export const indexFile = (dir: string): string => join(dir, 'search.bin');

interface Header {
  format: number;
  tokenizer: number;
  fingerprint: string;
  termCount: number;
  postingCount: number;
  docs: [id: string, title: string, length: number, meta: IndexedDocMeta, extra?: string][];
  terms: string;
}

export interface IndexSnapshot {
  fingerprint: string;
  docs: DocEntry[];
  terms: string[];
  offsets: Uint32Array;
  frozen: Uint32Array;
}

export async function writeIndexFile(dir: string, s: IndexSnapshot): Promise<void> {
  const binary = Buffer.alloc((s.offsets.length + s.frozen.length) * 4);
  const u32 = new Uint32Array(binary.buffer, binary.byteOffset, binary.length / 4);
  u32.set(s.offsets, 0);
  u32.set(s.frozen, s.offsets.length);
  const header: Header = {
    format: FORMAT_VERSION,
    tokenizer: TOKENIZER_VERSION,
    fingerprint: s.fingerprint,
    termCount: s.terms.length,
    postingCount: s.frozen.length,
    docs: s.docs.map((d) => (d.extra ? [d.id, d.title, d.length, d.meta, d.extra] : [d.id, d.title, d.length, d.meta])),
    terms: s.terms.join('\n'),
  };
  let json = Buffer.from(JSON.stringify(header), 'utf8');
  if (json.length % 4) json = Buffer.concat([json, Buffer.alloc(4 - (json.length % 4), 0x20)]);
  const lead = Buffer.alloc(LEAD);
  lead.write(MAGIC, 0, 'latin1');
  lead.writeUInt32LE(json.length, 4);
  lead.writeUInt32LE(crc32(binary, crc32(json)), 8);
  await mkdir(dir, { recursive: true });
  await writeFileDurable(indexFile(dir), Buffer.concat([lead, json, binary]));
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
    if (header.format !== FORMAT_VERSION || header.tokenizer !== TOKENIZER_VERSION) return null;
    if (header.fingerprint !== fingerprint) return null;
    const binary = file.subarray(LEAD + headerLength);
    if (binary.length !== (header.termCount + 1 + header.postingCount) * 4) return null;
    // Typed arrays need 4-byte alignment; readFile's buffer starts at 0, but do not rely on it.
    const aligned = binary.byteOffset % 4 === 0 ? binary : Buffer.from(binary);
    const u32 = new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.length / 4);
    const terms = header.termCount ? header.terms.split('\n') : [];
    if (terms.length !== header.termCount) return null;
    return {
      fingerprint,
      docs: header.docs.map(([id, title, length, meta, extra]) => ({ id, title, length, meta, ...(extra ? { extra } : {}) })),
      terms,
      offsets: u32.subarray(0, header.termCount + 1),
      frozen: u32.subarray(header.termCount + 1),
    };
  } catch {
    return null;
  }
}
