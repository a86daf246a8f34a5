/**
 * The positions file beside search.bin (`index/positions-<name>.bin`): the segments of
 * position-segments.ts, one after the other. search.bin names the file and how much of it
 * is its own, and is written last: a save appends the segments made since the last one
 * (only the new documents' positions), fsyncs, then writes search.bin; a crash in between
 * leaves bytes past the named length, which nothing reads and the next append overwrites.
 * When the garbage (removed documents) passes a share, or there are too many segments, the
 * file is rewritten as one segment under a new name, streamed term by term, and the old
 * file is deleted only after search.bin names the new one.
 *
 * Nothing of it is read at start. A block is read when a query needs its term's positions,
 * and its CRC-32 (kept in search.bin, which is checked whole) checked then: a damaged or
 * cut file is found by the query that reads it, which fails with `DamagedIndexError`
 * (search-service.ts reports it and rebuilds), never answers from bad bytes.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rm, stat, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { crc32 } from 'node:zlib';
import { syncDir } from '../store/durable-file';
import { SegmentWriter, type Segment } from './position-segments';

export const isPositionsFile = (name: string): boolean => /^positions-[0-9a-z]+\.bin$/.test(name);
export const newPositionsName = (): string => `positions-${Date.now().toString(36)}${randomBytes(4).toString('hex')}.bin`;

/** The index's files do not check out: the index is a cache, so it is reported and rebuilt. */
export class DamagedIndexError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'DamagedIndexError';
  }
}

/** Reads blocks of one positions file; opened once per state of search.bin. */
export class PositionsReader {
  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
  ) {}

  /**
   * Opens the file search.bin names; rejects with DamagedIndexError when it is missing or
   * shorter than `length` (cut), so the caller rebuilds at open rather than at a query.
   */
  static async open(path: string, length: number): Promise<PositionsReader> {
    let handle: FileHandle;
    try {
      handle = await open(path, 'r');
    } catch (error) {
      throw new DamagedIndexError(path, `cannot be opened (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
    const size = (await handle.stat()).size;
    if (size < length) {
      await handle.close();
      throw new DamagedIndexError(path, `cut short: ${size} bytes of ${length}`);
    }
    return new PositionsReader(path, handle);
  }

  /** Block k of the segment, CRC checked, in a buffer of its own (4-byte aligned). */
  async block(s: Segment, k: number): Promise<Uint8Array> {
    const from = s.starts[k]!;
    const size = s.ends[k]! - from;
    if (s.bytes) return s.bytes.subarray(from, from + size);
    const out = await this.range(s.base + from, size);
    if (crc32(out) !== s.crcs[k]) throw new DamagedIndexError(this.path, `a block fails its CRC-32 (bytes ${s.base + from}–${s.base + from + size})`);
    return out;
  }

  /** `size` bytes from `at`, in a buffer of their own. */
  async range(at: number, size: number): Promise<Uint8Array> {
    const out = new Uint8Array(new ArrayBuffer(size));
    let done = 0;
    while (done < size) {
      const { bytesRead } = await this.handle.read(out, done, size - done, at + done);
      if (bytesRead === 0) throw new DamagedIndexError(this.path, `cut short at byte ${at + done}`);
      done += bytesRead;
    }
    return out;
  }

  close(): Promise<void> {
    return this.handle.close().catch(() => {});
  }
}

/**
 * Writes the segments still in memory at the end of the file (at `length`, its end as
 * search.bin knows it) and fsyncs; returns the file's new length. The segments get their
 * `base` only once the file is durable, and keep their bytes (the caller drops them once
 * search.bin names them).
 */
export async function appendSegments(path: string, length: number, segments: readonly Segment[]): Promise<{ length: number; bases: number[] }> {
  if (length === 0) await mkdir(dirname(path), { recursive: true });
  const handle = await open(path, length === 0 ? 'w' : 'r+');
  const bases: number[] = [];
  try {
    let at = length;
    for (const s of segments) {
      bases.push(at);
      await writeAll(handle, s.bytes!, at);
      at += s.bytes!.length;
    }
    await handle.truncate(at);
    await handle.sync();
    if (length === 0) await syncDir(dirname(path));
    return { length: at, bases };
  } finally {
    await handle.close();
  }
}

async function writeAll(handle: FileHandle, bytes: Uint8Array, at: number): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, at + done);
    done += bytesWritten;
  }
}

/** Flush a rewrite's blocks to the file once this many bytes are made. */
const REWRITE_CHUNK = 4 << 20;
/** Read a segment's blocks this many bytes at a time during a rewrite. */
const READ_CHUNK = 4 << 20;

/**
 * Writes every live document's positions from `segments` into a new file at `path`, as one
 * segment, term by term: a block of each segment is read (in order: a segment's blocks are
 * in term order) and CRC checked, the documents `live` refuses are dropped. Holds a few MB
 * at a time. Returns the new segment (on disk) and the file's length.
 */
export async function rewriteSegments(path: string, reader: PositionsReader | undefined, segments: readonly Segment[], live: (serial: number) => boolean): Promise<{ segment: Segment; length: number }> {
  await mkdir(dirname(path), { recursive: true });
  const out = await open(path, 'w');
  try {
    const writer = new SegmentWriter();
    const sources = segments.map((s) => new SegmentSource(s, reader));
    let written = 0;
    for (;;) {
      let t = Infinity;
      for (const src of sources) t = Math.min(t, src.term);
      if (t === Infinity) break;
      for (const src of sources) {
        if (src.term !== t) continue;
        const block = await src.next();
        const count = new Uint32Array(block.buffer, block.byteOffset, 1)[0]!;
        const words = new Uint32Array(block.buffer, block.byteOffset + 4, count * 2);
        const bytes = block.subarray(4 + count * 8);
        for (let e = 0; e < count; e++) {
          if (live(words[e]!)) writer.add(t, words[e]!, bytes, e ? words[count + e - 1]! : 0, words[count + e]!);
        }
      }
      if (writer.pending >= REWRITE_CHUNK) {
        const chunk = writer.take();
        await writeAll(out, chunk, written);
        written += chunk.length;
      }
    }
    const segment = writer.finish();
    const rest = writer.take();
    await writeAll(out, rest, written);
    written += rest.length;
    await out.sync();
    segment.base = 0;
    segment.bytes = undefined;
    await syncDir(dirname(path));
    return { segment, length: written };
  } catch (error) {
    await out.close().catch(() => {});
    await rm(path, { force: true });
    throw error;
  } finally {
    await out.close().catch(() => {});
  }
}

/** One segment's blocks in order, read through a window of the file. */
class SegmentSource {
  private k = 0;
  private window: Uint8Array = new Uint8Array(0);
  private windowFrom = 0;

  constructor(
    private readonly s: Segment,
    private readonly reader: PositionsReader | undefined,
  ) {}

  get term(): number {
    return this.k < this.s.terms.length ? this.s.terms[this.k]! : Infinity;
  }

  async next(): Promise<Uint8Array> {
    const { s } = this;
    const k = this.k++;
    if (s.bytes) return s.bytes.subarray(s.starts[k], s.ends[k]);
    if (!this.reader) throw new Error('search index: a positions segment on disk with no file to read it from');
    const from = s.starts[k]!;
    const to = s.ends[k]!;
    if (from < this.windowFrom || to > this.windowFrom + this.window.length) {
      // Read ahead to the end of the blocks that fit the window (at least this one).
      let end = to;
      for (let j = k + 1; j < s.terms.length && s.ends[j]! - from <= READ_CHUNK; j++) end = Math.max(end, s.ends[j]!);
      this.window = await this.reader.range(s.base + from, end - from);
      this.windowFrom = from;
    }
    const block = this.window.slice(from - this.windowFrom, to - this.windowFrom);
    if (crc32(block) !== s.crcs[k]) throw new DamagedIndexError(this.reader.path, `a block fails its CRC-32 (bytes ${s.base + from}–${s.base + to})`);
    return block;
  }
}

/** Deletes the positions files in `dir` other than `keep` (left by a crash, or replaced). */
export async function removeOtherPositionFiles(dir: string, keep: string | undefined): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const name of names) if (isPositionsFile(name) && name !== keep) await rm(join(dir, name), { force: true });
}

export const fileSize = async (path: string): Promise<number> => (await stat(path)).size;
