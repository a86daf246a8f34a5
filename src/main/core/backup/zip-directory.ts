/**
 * A backup's zip read for the restore: the central directory in one read, parsed into
 * columns (one number array per field, one string per name), and an entry's bytes as a
 * checked stream. yauzl made an Entry object per entry, each from two reads through the
 * event loop: at 400,000 entries the listing was ~2-3 s of the main thread before the
 * first file could be written, and its objects held ~250 MB of heap for the whole restore
 * (issue #19). yauzl still decodes what a Marginalia backup never has (names without the
 * UTF-8 flag, extra fields), and the checks it made are made here: the end records (ZIP64
 * included), one disk only, every record's signature and bounds, no strong encryption,
 * a stored entry's two sizes equal, and an entry's bytes against its size and CRC-32.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable, pipeline } from 'node:stream';
import { createInflateRaw, crc32 } from 'node:zlib';
import { CENTRAL, dataStart, DEFLATED, END, END64, LOCATOR64, MAX32, STORED, unpackEntry, UTF8 } from './zip-format';

/** The zip's entries in central-directory order, one column per field. */
export interface ZipDirectory {
  count: number;
  names: string[];
  /** of each local header, from the start of the zip */
  offset: Float64Array;
  compressed: Float64Array;
  size: Float64Array;
  method: Uint16Array;
  flags: Uint16Array;
  crc: Uint32Array;
  /** bytes of each name in the central directory (the local header's is read where the entry is) */
  nameBytes: Uint16Array;
  fileSize: number;
}

/** Reads and checks the central directory of the zip at `path`; throws with yauzl's wording on a damaged or foreign zip. */
export async function readZipDirectory(path: string): Promise<ZipDirectory> {
  const handle = await open(path, 'r');
  try {
    const fileSize = (await handle.stat()).size;
    const read = async (position: number, length: number) => {
      const b = Buffer.allocUnsafe(length);
      const { bytesRead } = await handle.read(b, 0, length, position);
      if (bytesRead < length) throw new Error('unexpected EOF');
      return b;
    };
    // The end record closes the zip, behind a comment of up to 64 KB: searched for backwards.
    const tailBytes = Math.min(fileSize, 20 + 22 + 0xffff);
    const tail = await read(fileSize - tailBytes, tailBytes);
    let end = tailBytes - 22;
    while (end >= 0 && tail.readUInt32LE(end) !== END) end--;
    if (end < 0) throw new Error('End of central directory record signature not found. Either not a zip file, or file is truncated.');
    if (tail.readUInt16LE(end + 20) !== tailBytes - end - 22) throw new Error('Invalid comment length: are there extra bytes at the end of the file?');
    let disk = tail.readUInt16LE(end + 4);
    let count = tail.readUInt16LE(end + 10);
    let start = tail.readUInt32LE(end + 16);
    let directoryEnd = fileSize - tailBytes + end;
    if (end >= 20 && tail.readUInt32LE(end - 20) === LOCATOR64) {
      const at = Number(tail.readBigUInt64LE(end - 20 + 8));
      const end64 = await read(at, 56);
      if (end64.readUInt32LE(0) !== END64) throw new Error('invalid zip64 end of central directory record signature');
      disk = end64.readUInt32LE(16);
      count = Number(end64.readBigUInt64LE(32));
      start = Number(end64.readBigUInt64LE(48));
      directoryEnd = at;
    }
    if (disk !== 0) throw new Error(`multi-disk zip files are not supported: found disk number: ${disk}`);
    // Each record is at least 46 bytes: a count the directory cannot hold is a damaged zip, not a reason to allocate.
    if (start > directoryEnd || (directoryEnd - start) < 46 * count) throw new Error('the central directory does not fit where the end record says it is');
    return parseDirectory(await read(start, directoryEnd - start), count, start, fileSize);
  } finally {
    await handle.close();
  }
}

async function parseDirectory(b: Buffer, count: number, start: number, fileSize: number): Promise<ZipDirectory> {
  const d: ZipDirectory = {
    count,
    names: new Array<string>(count),
    offset: new Float64Array(count),
    compressed: new Float64Array(count),
    size: new Float64Array(count),
    method: new Uint16Array(count),
    flags: new Uint16Array(count),
    crc: new Uint32Array(count),
    nameBytes: new Uint16Array(count),
    fileSize,
  };
  let at = 0;
  for (let k = 0; k < count; k++) {
    if (at + 46 > b.length || b.readUInt32LE(at) !== CENTRAL) throw new Error(`invalid central directory file header signature at ${start + at}`);
    const flags = b.readUInt16LE(at + 8);
    if (flags & 0x40) throw new Error('strong encryption is not supported');
    const nameLength = b.readUInt16LE(at + 28);
    const extraLength = b.readUInt16LE(at + 30);
    const next = at + 46 + nameLength + extraLength + b.readUInt16LE(at + 32);
    if (next > b.length) throw new Error(`the central directory ends inside entry ${k}`);
    let compressed = b.readUInt32LE(at + 20);
    let size = b.readUInt32LE(at + 24);
    let offset = b.readUInt32LE(at + 42);
    const rawName = b.subarray(at + 46, at + 46 + nameLength);
    if (extraLength === 0 && flags & UTF8) d.names[k] = rawName.toString('utf8');
    else {
      // Not as Marginalia writes its backups: yauzl's own decoding (code page 437, the Info-ZIP Unicode path) and ZIP64 sizes.
      const { default: yauzl } = await import('yauzl');
      const extras = yauzl.parseExtraFields(b.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength));
      d.names[k] = yauzl.getFileNameLowLevel(flags, rawName, extras, true);
      const zip64 = extras.find((x) => x.id === 0x0001)?.data;
      let z = 0;
      const wide = (value: number, what: string) => {
        if (value !== MAX32) return value;
        if (!zip64 || z + 8 > zip64.length) throw new Error(`zip64 extended information extra field does not include ${what}`);
        return Number(zip64.readBigUInt64LE((z += 8) - 8));
      };
      size = wide(size, 'uncompressed size');
      compressed = wide(compressed, 'compressed size');
      offset = wide(offset, 'relative header offset');
    }
    const method = b.readUInt16LE(at + 10);
    if (method === STORED && compressed !== size + (flags & 0x1 ? 12 : 0)) throw new Error(`compressed/uncompressed size mismatch for stored file: ${compressed} != ${size}`);
    d.flags[k] = flags;
    d.method[k] = method;
    d.crc[k] = b.readUInt32LE(at + 16);
    d.compressed[k] = compressed;
    d.size[k] = size;
    d.offset[k] = offset;
    d.nameBytes[k] = nameLength;
    at = next;
  }
  return d;
}

/**
 * Entry `k`'s bytes, inflated, as a stream that fails if they pass the size the central
 * directory gives (a zip bomb stops there), or end short of it, or do not match its CRC-32.
 */
export async function entryStream(path: string, d: ZipDirectory, k: number): Promise<AsyncIterable<Buffer>> {
  const from = await entryStart(path, d, k);
  const method = d.method[k]!;
  if (method !== STORED && method !== DEFLATED) throw new Error(`unsupported compression method ${method}`);
  const compressed = d.compressed[k]!;
  const raw: Readable = compressed === 0 ? Readable.from([]) : createReadStream(path, { start: from, end: from + compressed - 1, highWaterMark: 1024 * 1024 }); // reads of 1 MB, as yauzl's reader here made
  // pipeline: an error on either side reaches the inflated stream's reader
  const bytes = method === STORED ? raw : pipeline(raw, createInflateRaw(), () => undefined);
  return checked(bytes, d.size[k]!, d.crc[k]!);
}

/**
 * Entry `k`'s bytes whole, read at once and inflated in one call (the manifest: 64 MB at
 * 100,000 documents, ~4,000 turns of a stream), with the checks the restore's workers make
 * (zip-format.ts unpackEntry).
 */
export async function entryBytes(path: string, d: ZipDirectory, k: number): Promise<Buffer> {
  const from = await entryStart(path, d, k);
  const handle = await open(path, 'r');
  const packed = Buffer.allocUnsafe(d.compressed[k]!);
  try {
    const { bytesRead } = await handle.read(packed, 0, packed.length, from);
    if (bytesRead < packed.length) throw new Error('unexpected EOF');
  } finally {
    await handle.close();
  }
  return unpackEntry(packed, d.method[k]!, d.size[k]!, d.crc[k]!);
}

/** Where entry `k`'s data starts, from its local header (zip-format.ts dataStart), within the zip. */
async function entryStart(path: string, d: ZipDirectory, k: number): Promise<number> {
  const header = Buffer.alloc(30);
  const handle = await open(path, 'r');
  try {
    await handle.read(header, 0, 30, d.offset[k]!);
  } finally {
    await handle.close();
  }
  const from = dataStart(d.flags[k]!, header, d.offset[k]!);
  if (from + d.compressed[k]! > d.fileSize) throw new Error('file data overflows file bounds');
  return from;
}

async function* checked(stream: Readable, size: number, crc: number): AsyncGenerator<Buffer> {
  let got = 0;
  let sum = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    got += chunk.length;
    if (got > size) throw new Error(`too many bytes in the stream. expected ${size}. got at least ${got}`);
    sum = crc32(chunk, sum);
    yield chunk;
  }
  if (got < size) throw new Error(`not enough bytes in the stream. expected ${size}. got only ${got}`);
  if (sum !== crc) throw new Error('CRC-32 does not match');
}
