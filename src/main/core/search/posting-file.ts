/**
 * The postings of a loaded index (search.bin format 6), read per term when first needed
 * (issue #19: at 100,000 documents they are ~130 MB, read and CRC-checked whole at every
 * start though a query reads a few terms' lists).
 *
 * `frozen` keeps its shape: one Uint32Array over every posting, so the code that reads it
 * (phrase checks, joins with positions) is unchanged; but it starts unwritten (its pages are
 * not resident until written) and a term's run is read into place from search.bin the first
 * time the index asks for it, synchronously (a pread of a few KB from the page cache). The
 * runs are grouped in blocks of consecutive terms of at least BLOCK_BYTES, each with its
 * CRC-32 in search.bin's checked part: a block is checked when read, and a damaged one fails
 * the query with `DamagedIndexError` (the service reports it and rebuilds the index).
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { DamagedIndexError } from './positions-file';

/** A block of postings holds consecutive terms' runs up to at least this many bytes. */
export const BLOCK_BYTES = 32 << 10;

/** The first term of each block (ascending, from 0), and each block's CRC-32, for the postings `frozen`. */
export function postingBlocks(frozen: Uint32Array, offsets: Uint32Array): { firsts: Uint32Array; crcs: Uint32Array } {
  const firsts: number[] = [];
  const crcs: number[] = [];
  const terms = offsets.length - 1;
  let t = 0;
  while (t < terms) {
    const first = t;
    while (t < terms && (offsets[t + 1]! - offsets[first]!) * 4 < BLOCK_BYTES) t++;
    if (t < terms) t++;
    const run = frozen.subarray(offsets[first]!, offsets[t]!);
    firsts.push(first);
    crcs.push(crc32(new Uint8Array(run.buffer, run.byteOffset, run.byteLength)));
  }
  return { firsts: Uint32Array.from(firsts), crcs: Uint32Array.from(crcs) };
}

/** Where the postings are in search.bin, as its header and checked part say. */
export interface PostingsPlace {
  path: string;
  /** the byte at which the postings start (4-aligned) */
  at: number;
  /** search.bin's identity when its checked part was read: the file opened later must be that one */
  ino: number;
  size: number;
  firsts: Uint32Array;
  crcs: Uint32Array;
}

export class PostingFile {
  /** blocks read so far */
  private readonly read: Uint8Array;
  private remaining: number;

  private constructor(
    private fd: number | undefined,
    private readonly place: PostingsPlace,
    private readonly frozen: Uint32Array,
    private readonly offsets: Uint32Array,
  ) {
    this.read = new Uint8Array(place.firsts.length);
    this.remaining = place.firsts.length;
  }

  /**
   * Opens search.bin again for its postings; null when it is no longer the file whose
   * checked part was read (replaced meanwhile) or is not as long as its postings.
   */
  static open(place: PostingsPlace, frozen: Uint32Array, offsets: Uint32Array): PostingFile | null {
    let fd: number;
    try {
      fd = openSync(place.path, 'r');
    } catch {
      return null;
    }
    const stat = fstatSync(fd);
    if (stat.ino !== place.ino || stat.size !== place.size || place.at + frozen.byteLength !== stat.size) {
      closeSync(fd);
      return null;
    }
    return new PostingFile(fd, place, frozen, offsets);
  }

  /** Whether every block is in `frozen` (the file can be let go). */
  get complete(): boolean {
    return this.remaining === 0;
  }

  /** Makes term `t`'s postings present in `frozen`, reading their block when not yet read. */
  ensure(t: number): void {
    const { firsts } = this.place;
    let lo = 0;
    let hi = firsts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (firsts[mid]! <= t) lo = mid + 1;
      else hi = mid;
    }
    const b = lo - 1;
    if (b >= 0 && !this.read[b]) this.readBlock(b);
  }

  /** Reads every block not read yet (before a compaction, which reads every posting). */
  ensureAll(): void {
    for (let b = 0; b < this.read.length; b++) if (!this.read[b]) this.readBlock(b);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private readBlock(b: number): void {
    const { firsts, crcs, at, path } = this.place;
    const from = this.offsets[firsts[b]!]! * 4;
    const to = this.offsets[b + 1 < firsts.length ? firsts[b + 1]! : this.offsets.length - 1]! * 4;
    const into = new Uint8Array(this.frozen.buffer, this.frozen.byteOffset + from, to - from);
    if (this.fd === undefined) throw new Error(`search index: ${path} read after the index was closed`);
    let done = 0;
    while (done < into.length) {
      const n = readSync(this.fd, into, done, into.length - done, at + from + done);
      if (n === 0) throw new DamagedIndexError(path, `cut short at byte ${at + from + done}`);
      done += n;
    }
    if (crc32(into) !== crcs[b]) {
      into.fill(0);
      throw new DamagedIndexError(path, `a block of postings fails its CRC-32 (bytes ${at + from}–${at + to})`);
    }
    this.read[b] = 1;
    if (--this.remaining === 0) this.close();
  }
}
