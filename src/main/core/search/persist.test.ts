import { readFile, writeFile } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dir';
import { TOKENIZER_VERSION } from '../../../shared/text/tokenize';
import { ANALYSIS_VERSION } from './analyze';
import { encodeDocTable, listLengths } from './doc-table';
import { FORMAT_VERSION, indexFile, readIndexBytes, readIndexFile, writeIndexFile, type IndexSnapshot } from './persist';
import type { DocEntry } from './posting-format';
import { InvertedIndex } from './postings';
import { plainDoc, type StoredDoc } from './doc-columns';
import { DamagedIndexError } from './positions-file';
import { writeLegacyFrame } from './legacy-index';

const tempDir = useTempDirs();

/** A small index snapshot with every optional part of a document: extra text, marks, lists, an empty list, a NUL. */
const snapshot = (): IndexSnapshot => ({
  fingerprint: 'fp',
  docs: [
    { id: 'doc1', serial: 0, title: 'Budget 2020', length: 3, meta: { type: 'txt', language: 'en', date: '2020-01-01', tags: ['a/b'], collections: [], entities: ['e1'], hasAnnotations: true }, extra: 'tag words', marks: new Uint32Array([4, 5]) },
    { id: 'doc2', serial: 1, title: '预算\u0000报告', length: 2, meta: { type: 'md', hasAnnotations: false } },
    { id: 'doc3', serial: 5, title: 'Third', length: 1, meta: { type: 'pdf' } },
  ],
  terms: ['budget', 'report'],
  offsets: new Uint32Array([0, 2, 3]),
  frozen: new Uint32Array([1, 513, 1025]),
  segments: [{ terms: new Uint32Array([0, 1]), starts: new Uint32Array([0, 16]), ends: new Uint32Array([16, 28]), crcs: new Uint32Array([7, 8]), base: 4, bytes: undefined, docs: 3 }],
  nextSerial: 6,
  deadDocs: 1,
  positions: { file: 'positions-a1.bin', length: 40 },
});

/** Positions of the legacy snapshot's three postings, as formats 3 and 4 held them. */
const POS_STARTS = new Uint32Array([0, 1, 3, 4]);
const POS_BYTES = new Uint8Array([1, 2, 0x81, 3]);

/** search.bin as format 4 (documents in binary columns) or 3 (documents as JSON tuples) wrote it: positions inside. */
async function writeLegacy(dir: string, format: 3 | 4): Promise<void> {
  const s = snapshot();
  const markStarts = new Uint32Array([0, 2, 2, 2]);
  const table = encodeDocTable(s.docs);
  const parts = [s.offsets, s.frozen, POS_STARTS, markStarts, s.docs[0]!.marks as Uint32Array, ...(format === 4 ? [table.words] : [])];
  const words = Buffer.concat(parts.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength)));
  const binary = Buffer.concat([words, POS_BYTES, ...(format === 4 ? [table.strings] : [])]);
  const docs = s.docs.map((d) => (d.extra ? [d.id, d.title, d.length, d.meta, d.extra] : [d.id, d.title, d.length, d.meta]));
  const header = {
    format,
    analysis: ANALYSIS_VERSION,
    tokenizer: TOKENIZER_VERSION,
    fingerprint: 'fp',
    termCount: 2,
    postingCount: 3,
    positionBytes: POS_BYTES.length,
    markCount: 2,
    ...(format === 4 ? { docCount: 3, docLists: listLengths(s.docs), docStrings: table.stringCount, docStringBytes: table.strings.length, ...(table.nul ? { docNul: table.nul } : {}) } : { docs }),
    terms: (s.terms as string[]).join('\n'),
  };
  await writeLegacyFrame(dir, header, binary);
}

const termsOf = (s: IndexSnapshot) => (Array.isArray(s.terms) ? s.terms : s.terms.all());
const withoutSerials = (docs: readonly DocEntry[]) => docs.map(({ serial: _, ...d }) => d);

describe('search.bin format', () => {
  it('reads back exactly what it wrote (format 6: positions named, postings read when asked)', async () => {
    const dir = await tempDir();
    const s = snapshot();
    await writeIndexFile(dir, s);
    const raw = await readFile(indexFile(dir));
    const header = JSON.parse(raw.toString('utf8', 12, 12 + raw.readUInt32LE(4)));
    expect(header.format).toBe(FORMAT_VERSION);
    expect(header).not.toHaveProperty('docs');
    expect(header).not.toHaveProperty('terms');
    const back = await readIndexFile(dir, 'fp');
    expect(back?.docs.map(plainDoc)).toEqual(s.docs);
    expect(back?.docs.map((d) => d.meta.hasAnnotations === true)).toEqual(back?.docs.map((d) => (d as StoredDoc).annotated));
    expect(termsOf(back!)).toEqual(s.terms);
    // The postings are blank until read: a block at a time, each checked.
    expect([...back!.frozen]).toEqual([0, 0, 0]);
    back!.postings!.ensure(1);
    expect([...back!.frozen]).toEqual([...s.frozen]);
    back!.postings!.close();
    expect(back?.segments.map((g) => ({ ...g, terms: [...g.terms], starts: [...g.starts], ends: [...g.ends], crcs: [...g.crcs] }))).toEqual([{ terms: [0, 1], starts: [0, 16], ends: [16, 28], crcs: [7, 8], base: 4, bytes: undefined, docs: 3 }]);
    expect([back?.positions, back?.nextSerial, back?.deadDocs]).toEqual([s.positions, 6, 1]);
    expect(await readIndexFile(dir, 'another archive state')).toBeNull();
  });

  it('refuses to write search.bin before its positions are in their file', async () => {
    const dir = await tempDir();
    const s = snapshot();
    await expect(writeIndexFile(dir, { ...s, segments: [{ ...s.segments[0]!, base: -1, bytes: new Uint8Array(28) }] })).rejects.toThrow(/positions not written/);
  });

  for (const format of [4, 3] as const) {
    it(`still reads format ${format} (positions inside), its positions as one segment in memory keyed by document number`, async () => {
      const dir = await tempDir();
      await writeLegacy(dir, format);
      const back = await readIndexFile(dir, 'fp');
      expect(back!.format).toBe(format);
      expect(withoutSerials(back!.docs)).toEqual(withoutSerials(snapshot().docs));
      expect(back!.docs.map((d) => d.serial)).toEqual([0, 1, 2]);
      expect(back!.positions).toBeUndefined();
      expect(back!.segments).toHaveLength(1);
      expect(back!.segments[0]!.bytes).toBeDefined();
      const index = new InvertedIndex();
      index.restore(back!);
      const budget = index.termPositions(0);
      expect([...budget.bytes.subarray(budget.starts[0], budget.starts[2])]).toEqual([1, 2, 0x81]);
      const report = index.termPositions(1);
      expect([...report.bytes.subarray(report.starts[0], report.starts[1])]).toEqual([3]);
    });
  }

  it('checks the CRC of the part before the postings slice by slice as it reads, and finds a damaged or cut file wherever the damage is', async () => {
    const dir = await tempDir();
    const s = snapshot();
    await writeIndexFile(dir, s);
    const raw = await readFile(indexFile(dir));
    const checkedEnd = raw.length - s.frozen.byteLength;
    // Slices of 5 and 7 bytes: the 12-byte lead (not in the CRC) ends inside a slice.
    for (const chunk of [5, 7, raw.length]) {
      const read = await readIndexBytes(dir, chunk);
      expect(read?.file.equals(raw.subarray(0, checkedEnd))).toBe(true);
      expect(read?.crc).toBe(crc32(raw.subarray(12, checkedEnd)));
      const back = await readIndexFile(dir, 'fp', readIndexBytes(dir, chunk));
      expect(back?.docs.map(plainDoc)).toEqual(s.docs);
      back?.postings?.close();
    }
    // Damage before the postings is found at open; in the postings, by the read of their block.
    for (const at of [16, checkedEnd >> 1, checkedEnd - 1, checkedEnd, raw.length - 1]) {
      const damaged = Buffer.from(raw);
      damaged[at] = damaged[at]! ^ 0x40;
      await writeFile(indexFile(dir), damaged);
      if (at < checkedEnd) {
        expect(await readIndexFile(dir, 'fp', readIndexBytes(dir, 7))).toBeNull();
        expect(await readIndexFile(dir, 'fp')).toBeNull();
        continue;
      }
      const back = await readIndexFile(dir, 'fp');
      expect(() => back!.postings!.ensure(0)).toThrow(DamagedIndexError);
      expect(() => back!.postings!.ensure(0)).toThrow(/search\.bin: a block of postings fails its CRC-32/);
      back!.postings!.close();
    }
    for (const cut of [3, s.frozen.byteLength + 3]) {
      await writeFile(indexFile(dir), raw.subarray(0, raw.length - cut));
      expect(await readIndexFile(dir, 'fp', readIndexBytes(dir, 7))).toBeNull();
    }
    await writeFile(indexFile(dir), '');
    expect(await readIndexBytes(dir)).toMatchObject({ file: Buffer.alloc(0), crc: 0 });
    expect(await readIndexFile(dir, 'fp')).toBeNull();
  });

  it('answers null, never throws, when there is no file to read', async () => {
    const dir = await tempDir();
    expect(await readIndexBytes(dir)).toBeNull();
    expect(await readIndexFile(dir, 'fp')).toBeNull();
  });
});
