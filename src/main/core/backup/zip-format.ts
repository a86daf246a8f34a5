/**
 * The records of a zip file (APPNOTE 6.3.x, sections 4.3 and 4.5.3), as the backup writes
 * them: local headers (built by the backup's workers, beside the bytes they compress), the
 * central directory and its end records (by zip-writer.ts). ZIP64 where sizes, offsets or
 * the number of entries need it. Node built-ins only: backup-worker.ts imports this.
 */
import { crc32, inflateRawSync } from 'node:zlib';

export const LOCAL = 0x04034b50;
export const CENTRAL = 0x02014b50;
export const END = 0x06054b50;
export const END64 = 0x06064b50;
export const LOCATOR64 = 0x07064b50;
export const MAX32 = 0xffffffff;
const MAX16 = 0xffff;
/** bit 11: names are UTF-8 */
export const UTF8 = 0x0800;
/** written by: Unix (3), spec 4.5 */
const MADE_BY = (3 << 8) | 45;

export const STORED = 0;
export const DEFLATED = 8;

/**
 * Where an entry's data starts, from the first 30 bytes of its local header at `offset`; the
 * checks yauzl made there: not encrypted, the header's signature. Used by the restore's
 * workers and its main thread alike.
 */
export function dataStart(flags: number, header: Buffer, offset: number): number {
  if (flags & 0x1) throw new Error('encrypted');
  if (header.readUInt32LE(0) !== LOCAL) throw new Error('no local file header where the central directory points');
  return offset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
}

/**
 * An entry's bytes from its packed bytes, with yauzl's checks: the method, the size the
 * central directory gives (inflating stops past it: a zip bomb stops there), and the CRC-32.
 */
export function unpackEntry(packed: Buffer, method: number, size: number, crc: number): Buffer {
  let data: Buffer;
  if (method === STORED) data = packed;
  else if (method === DEFLATED) data = inflateRawSync(packed, { maxOutputLength: Math.max(1, size) });
  else throw new Error(`unsupported compression method ${method}`);
  if (data.length !== size) throw new Error(`expected ${size} bytes, found ${data.length}`);
  if (crc32(data) !== crc) throw new Error('CRC-32 does not match');
  return data;
}

/** What the central directory says of one entry. */
export interface CentralEntry {
  name: Buffer;
  method: number;
  /** MS-DOS time and date */
  time: number;
  date: number;
  crc: number;
  compressed: number;
  size: number;
  /** of the local header, from the start of the zip */
  offset: number;
  /** Unix permission bits of the regular file */
  mode: number;
}

/** The local header of an entry; with `zip64`, room for 64-bit sizes (a streamed entry that may pass 4 GB). */
export function localHeader(e: Omit<CentralEntry, 'offset' | 'mode'>, zip64: boolean): Buffer {
  const extraBytes = zip64 ? 20 : 0;
  const b = Buffer.alloc(30 + e.name.length + extraBytes);
  writeLocalHeader(b, 0, e, zip64);
  return b;
}

/** Writes the local header into `b` at `at` (30 + name + 20 if `zip64` bytes); returns its length. */
export function writeLocalHeader(b: Buffer, at: number, e: Omit<CentralEntry, 'offset' | 'mode'>, zip64: boolean): number {
  b.writeUInt32LE(LOCAL, at);
  b.writeUInt16LE(zip64 ? 45 : 20, at + 4);
  b.writeUInt16LE(UTF8, at + 6);
  b.writeUInt16LE(e.method, at + 8);
  b.writeUInt16LE(e.time, at + 10);
  b.writeUInt16LE(e.date, at + 12);
  b.writeUInt32LE(e.crc >>> 0, at + 14);
  b.writeUInt32LE(zip64 ? MAX32 : e.compressed, at + 18);
  b.writeUInt32LE(zip64 ? MAX32 : e.size, at + 22);
  b.writeUInt16LE(e.name.length, at + 26);
  b.writeUInt16LE(zip64 ? 20 : 0, at + 28);
  e.name.copy(b, at + 30);
  if (zip64) {
    const x = at + 30 + e.name.length;
    b.writeUInt16LE(0x0001, x);
    b.writeUInt16LE(16, x + 2);
    b.writeBigUInt64LE(BigInt(e.size), x + 4);
    b.writeBigUInt64LE(BigInt(e.compressed), x + 12);
  }
  return 30 + e.name.length + (zip64 ? 20 : 0);
}

/** One record of the central directory (with a ZIP64 extra for what passes 32 bits). */
export function centralRecord(e: CentralEntry): Buffer {
  const extra: number[] = [];
  if (e.size >= MAX32) extra.push(e.size);
  if (e.compressed >= MAX32) extra.push(e.compressed);
  if (e.offset >= MAX32) extra.push(e.offset);
  const extraBytes = extra.length ? 4 + 8 * extra.length : 0;
  const b = Buffer.alloc(46 + e.name.length + extraBytes);
  b.writeUInt32LE(CENTRAL, 0);
  b.writeUInt16LE(MADE_BY, 4);
  b.writeUInt16LE(extra.length ? 45 : 20, 6);
  b.writeUInt16LE(UTF8, 8);
  b.writeUInt16LE(e.method, 10);
  b.writeUInt16LE(e.time, 12);
  b.writeUInt16LE(e.date, 14);
  b.writeUInt32LE(e.crc >>> 0, 16);
  b.writeUInt32LE(Math.min(e.compressed, MAX32), 20);
  b.writeUInt32LE(Math.min(e.size, MAX32), 24);
  b.writeUInt16LE(e.name.length, 28);
  b.writeUInt16LE(extraBytes, 30);
  b.writeUInt32LE(((0o100000 | e.mode) << 16) >>> 0, 38);
  b.writeUInt32LE(Math.min(e.offset, MAX32), 42);
  e.name.copy(b, 46);
  if (extra.length) {
    let at = 46 + e.name.length;
    b.writeUInt16LE(0x0001, at);
    b.writeUInt16LE(8 * extra.length, at + 2);
    for (const n of extra) b.writeBigUInt64LE(BigInt(n), (at += 8) - 4);
  }
  return b;
}

/** The end records after a central directory of `count` entries, `size` bytes, starting at `start`. */
export function endRecords(count: number, start: number, size: number): Buffer {
  const parts: Buffer[] = [];
  if (count >= MAX16 || start >= MAX32 || size >= MAX32) {
    const r = Buffer.alloc(56 + 20);
    r.writeUInt32LE(END64, 0);
    r.writeBigUInt64LE(44n, 4);
    r.writeUInt16LE(MADE_BY, 12);
    r.writeUInt16LE(45, 14);
    r.writeBigUInt64LE(BigInt(count), 24);
    r.writeBigUInt64LE(BigInt(count), 32);
    r.writeBigUInt64LE(BigInt(size), 40);
    r.writeBigUInt64LE(BigInt(start), 48);
    r.writeUInt32LE(LOCATOR64, 56);
    r.writeBigUInt64LE(BigInt(start + size), 64); // the ZIP64 end record follows the central directory
    r.writeUInt32LE(1, 72);
    parts.push(r);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END, 0);
  end.writeUInt16LE(Math.min(count, MAX16), 8);
  end.writeUInt16LE(Math.min(count, MAX16), 10);
  end.writeUInt32LE(Math.min(size, MAX32), 12);
  end.writeUInt32LE(Math.min(start, MAX32), 16);
  parts.push(end);
  return Buffer.concat(parts);
}

/** MS-DOS date and time (local time, two-second steps), as zip tools read them. */
export function dosDateTime(d: Date): { time: number; date: number } {
  const year = Math.min(Math.max(d.getFullYear(), 1980), 2107);
  const date = (d.getDate() & 0x1f) | (((d.getMonth() + 1) & 0xf) << 5) | (((year - 1980) & 0x7f) << 9);
  const time = Math.floor(d.getSeconds() / 2) | ((d.getMinutes() & 0x3f) << 5) | ((d.getHours() & 0x1f) << 11);
  return { time, date };
}
