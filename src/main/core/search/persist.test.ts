import { readFile, writeFile } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dir';
import { FORMAT_VERSION, indexFile, readIndexBytes, readIndexFile, writeIndexFile, type IndexSnapshot } from './persist';

const tempDir = useTempDirs();

/** A small index snapshot with every optional part of a document: extra text, marks, lists, an empty list, a NUL. */
const snapshot = (): IndexSnapshot => ({
  fingerprint: 'fp',
  docs: [
    { id: 'doc1', title: 'Budget 2020', length: 3, meta: { type: 'txt', language: 'en', date: '2020-01-01', tags: ['a/b'], collections: [], entities: ['e1'], hasAnnotations: true }, extra: 'tag words', marks: new Uint32Array([4, 5]) },
    { id: 'doc2', title: '预算\u0000报告', length: 2, meta: { type: 'md', hasAnnotations: false } },
    { id: 'doc3', title: 'Third', length: 1, meta: { type: 'pdf' } },
  ],
  terms: ['budget', 'report'],
  offsets: new Uint32Array([0, 2, 3]),
  frozen: new Uint32Array([0, 1, 2]),
  posStarts: new Uint32Array([0, 1, 2, 3]),
  posBytes: new Uint8Array([1, 2, 3]),
});

describe('search.bin format', () => {
  it('reads back exactly what it wrote (format 4: the documents in binary columns)', async () => {
    const dir = await tempDir();
    const s = snapshot();
    await writeIndexFile(dir, s);
    const raw = await readFile(indexFile(dir));
    const header = JSON.parse(raw.toString('utf8', 12, 12 + raw.readUInt32LE(4)));
    expect(header.format).toBe(FORMAT_VERSION);
    expect(header).not.toHaveProperty('docs');
    const back = await readIndexFile(dir, 'fp');
    expect(back?.docs).toEqual(s.docs);
    expect(back?.terms).toEqual(s.terms);
    expect([...back!.frozen]).toEqual([...s.frozen]);
    expect(await readIndexFile(dir, 'another archive state')).toBeNull();
  });

  it('still reads format 3 (documents as JSON tuples in the header), so an upgrade does not rebuild the index', async () => {
    const dir = await tempDir();
    const s = snapshot();
    // Format 3 as it was written: the same binary without the document table, the documents in the header.
    await writeIndexFile(dir, s);
    const raw = await readFile(indexFile(dir));
    const header = JSON.parse(raw.toString('utf8', 12, 12 + raw.readUInt32LE(4)));
    const words = header.termCount + 1 + header.postingCount + header.postingCount + 1 + s.docs.length + 1 + header.markCount;
    const body = raw.subarray(12 + raw.readUInt32LE(4));
    const binary = Buffer.concat([body.subarray(0, words * 4), body.subarray(body.length - header.docStringBytes - header.positionBytes, body.length - header.docStringBytes)]);
    const { docCount: _c, docLists: _l, docStrings: _s, docStringBytes: _b, docNul: _n, ...rest } = header;
    const docs = s.docs.map((d) => (d.extra ? [d.id, d.title, d.length, d.meta, d.extra] : [d.id, d.title, d.length, d.meta]));
    let json = Buffer.from(JSON.stringify({ ...rest, format: 3, docs }), 'utf8');
    if (json.length % 4) json = Buffer.concat([json, Buffer.alloc(4 - (json.length % 4), 0x20)]);
    const lead = Buffer.alloc(12);
    lead.write('MGSI', 0, 'latin1');
    lead.writeUInt32LE(json.length, 4);
    lead.writeUInt32LE(crc32(binary, crc32(json)), 8);
    await writeFile(indexFile(dir), Buffer.concat([lead, json, binary]));
    const back = await readIndexFile(dir, 'fp');
    expect(back?.docs).toEqual(s.docs);
    expect([...back!.posBytes]).toEqual([...s.posBytes]);
  });

  it('checks the CRC slice by slice as it reads, and finds a damaged or cut file whichever slice holds the damage', async () => {
    const dir = await tempDir();
    await writeIndexFile(dir, snapshot());
    const raw = await readFile(indexFile(dir));
    // Slices of 5 and 7 bytes: the 12-byte lead (not in the CRC) ends inside a slice.
    for (const chunk of [5, 7, raw.length]) {
      const read = await readIndexBytes(dir, chunk);
      expect(read?.file.equals(raw)).toBe(true);
      expect(read?.crc).toBe(crc32(raw.subarray(12)));
      expect((await readIndexFile(dir, 'fp', readIndexBytes(dir, chunk)))?.docs).toEqual(snapshot().docs);
    }
    for (const at of [16, raw.length >> 1, raw.length - 1]) {
      const damaged = Buffer.from(raw);
      damaged[at] = damaged[at]! ^ 0x40;
      await writeFile(indexFile(dir), damaged);
      expect(await readIndexFile(dir, 'fp', readIndexBytes(dir, 7))).toBeNull();
      expect(await readIndexFile(dir, 'fp')).toBeNull();
    }
    await writeFile(indexFile(dir), raw.subarray(0, raw.length - 3));
    expect(await readIndexFile(dir, 'fp', readIndexBytes(dir, 7))).toBeNull();
    await writeFile(indexFile(dir), '');
    expect(await readIndexBytes(dir)).toEqual({ file: Buffer.alloc(0), crc: 0 });
    expect(await readIndexFile(dir, 'fp')).toBeNull();
  });

  it('answers null, never throws, when there is no file to read', async () => {
    const dir = await tempDir();
    expect(await readIndexBytes(dir)).toBeNull();
    expect(await readIndexFile(dir, 'fp')).toBeNull();
  });
});
