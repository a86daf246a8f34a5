/**
 * search.bin as format 5 (positions in their own file, postings and documents inside, read
 * whole), 4 (documents in binary columns) or 3 (documents as JSON tuples; positions inside for
 * both) wrote it, made from an index of today: for the tests that old archives still open.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { TOKENIZER_VERSION } from '../../../shared/text/tokenize';
import { ANALYSIS_VERSION } from './analyze';
import { encodeDocTable, listLengths } from './doc-table';
import { indexFile } from './persist';
import type { InvertedIndex } from './postings';
import { appendSegments, newPositionsName } from './positions-file';
import { mergeMemorySegments } from './position-segments';

export async function writeLegacyIndex(dir: string, index: InvertedIndex, fingerprint: string, format: 3 | 4 | 5, positions?: { file: string; length: number }): Promise<void> {
  if (format === 5) return writeFormat5(dir, index, fingerprint, positions);
  const { docs, terms, offsets, frozen } = index.snapshot();
  const posStarts = new Uint32Array(frozen.length + 1);
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  terms.forEach((_, t) => {
    const view = index.termPositions(t);
    for (let i = offsets[t]!; i < offsets[t + 1]!; i++) {
      posStarts[i] = bytes;
      const k = i - offsets[t]!;
      chunks.push(view.bytes.subarray(view.starts[k], view.starts[k + 1]));
      bytes += view.starts[k + 1]! - view.starts[k]!;
    }
  });
  posStarts[frozen.length] = bytes;
  const markStarts = new Uint32Array(docs.length + 1);
  docs.forEach((d, num) => (markStarts[num + 1] = markStarts[num]! + (d.marks?.length ?? 0)));
  const marks = docs.flatMap((d) => Array.from(d.marks ?? []));
  const table = encodeDocTable(docs);
  const words = [offsets, frozen, posStarts, markStarts, Uint32Array.from(marks), ...(format === 4 ? [table.words] : [])];
  const binary = Buffer.concat([...words.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength)), ...chunks, ...(format === 4 ? [table.strings] : [])]);
  const header = {
    format,
    analysis: ANALYSIS_VERSION,
    tokenizer: TOKENIZER_VERSION,
    fingerprint,
    termCount: terms.length,
    postingCount: frozen.length,
    positionBytes: bytes,
    markCount: marks.length,
    ...(format === 4
      ? { docCount: docs.length, docLists: listLengths(docs), docStrings: table.stringCount, docStringBytes: table.strings.length, ...(table.nul ? { docNul: table.nul } : {}) }
      : { docs: docs.map((d) => (d.extra ? [d.id, d.title, d.length, d.meta, d.extra] : [d.id, d.title, d.length, d.meta])) }),
    terms: terms.join('\n'),
  };
  await writeLegacyFrame(dir, header, binary);
}

/** search.bin as formats 3 and 4 framed it: "MGSI" | u32 header length | u32 CRC-32 | header JSON (space-padded to 4) | `binary`. */
export async function writeLegacyFrame(dir: string, header: object, binary: Buffer): Promise<void> {
  let json = Buffer.from(JSON.stringify(header), 'utf8');
  if (json.length % 4) json = Buffer.concat([json, Buffer.alloc(4 - (json.length % 4), 0x20)]);
  const lead = Buffer.alloc(12);
  lead.write('MGSI', 0, 'latin1');
  lead.writeUInt32LE(json.length, 4);
  lead.writeUInt32LE(crc32(binary, crc32(json)), 8);
  await writeFile(indexFile(dir), Buffer.concat([lead, json, binary]));
}

/**
 * Format 5: search.bin naming `positions`, the file the index's segments are in (a loaded
 * index); or, for a built one (its positions in memory), a new positions file they are written to.
 */
async function writeFormat5(dir: string, index: InvertedIndex, fingerprint: string, positions?: { file: string; length: number }): Promise<void> {
  const s = index.snapshot();
  const memory = s.segments.filter((g) => g.bytes);
  const merged = memory.length ? mergeMemorySegments(memory) : undefined;
  const name = merged ? newPositionsName() : (positions?.file ?? '');
  const { length, bases } = merged ? await appendSegments(join(dir, name), 0, [merged]) : { length: positions?.length ?? 0, bases: [] };
  const segments = merged ? [{ ...merged, base: bases[0]! }] : s.segments;
  const markStarts = new Uint32Array(s.docs.length + 1);
  s.docs.forEach((d, num) => (markStarts[num + 1] = markStarts[num]! + (d.marks?.length ?? 0)));
  const marks = s.docs.flatMap((d) => Array.from(d.marks ?? []));
  const table = encodeDocTable(s.docs);
  const serials = Uint32Array.from(s.docs, (d) => d.serial);
  const parts = [s.offsets, s.frozen, markStarts, Uint32Array.from(marks), table.words, serials, ...segments.flatMap((g) => [g.terms, g.starts, g.ends, g.crcs])];
  const binary = Buffer.concat([...parts.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength)), table.strings]);
  const header = {
    format: 5,
    analysis: ANALYSIS_VERSION,
    tokenizer: TOKENIZER_VERSION,
    fingerprint,
    termCount: s.terms.length,
    postingCount: s.frozen.length,
    markCount: marks.length,
    docCount: s.docs.length,
    docLists: listLengths(s.docs),
    docStrings: table.stringCount,
    docStringBytes: table.strings.length,
    ...(table.nul ? { docNul: table.nul } : {}),
    positions: { file: name, length, segments: segments.map((g) => ({ base: g.base, count: g.terms.length, docs: g.docs })), nextSerial: s.nextSerial, deadDocs: s.deadDocs },
    terms: s.terms.join('\n'),
  };
  await writeLegacyFrame(dir, header, binary);
}
