/**
 * Term positions kept out of the frozen index (issue #19): at 100,000 documents they were
 * ~60% of search.bin, held in memory though only phrase checks and snippets read them.
 *
 * They live in segments: each holds, for the terms of the documents it covers, one block
 * per term, blocks in term order. A block is
 *   u32 count | u32 serials[count] | u32 ends[count] | u8 positions | padding to 4 bytes,
 * the positions of each document (varints, as analyze.ts makes them) keyed by the
 * document's serial: a number given at `add` that, unlike the document's number, survives
 * compaction (documents keep their order, so serials ascend with document numbers). A
 * segment is made in memory when the index compacts (from the documents added since) and
 * written to the positions file at the next save (positions-file.ts); segments cover
 * ascending ranges of serials, so a term's blocks, read in segment order, are in document
 * order. A removed document's positions stay as garbage until the file is rewritten.
 *
 * A query reads a term's blocks (one range per segment) and joins them with the term's
 * postings into a `TermPositions`: ranges aligned with the postings, as `posStarts` was.
 */
import { crc32 } from 'node:zlib';

/**
 * The positions of one term's postings: posting `from + i`'s are `bytes[starts[i], starts[i + 1])`;
 * or, in a sparse view (only some documents: snippets), `ranges.get(i)`, none when absent.
 */
export interface TermPositions {
  starts: Uint32Array;
  bytes: Uint8Array;
  ranges?: Map<number, [from: number, to: number]>;
}

/** Sets `out` to the positions of posting `k` of the view (`k` counted from the term's first posting). */
export function positionsAt(view: TermPositions, k: number, out: { bytes: Uint8Array; from: number; to: number }): void {
  out.bytes = view.bytes;
  if (!view.ranges) {
    out.from = view.starts[k]!;
    out.to = view.starts[k + 1]!;
    return;
  }
  const r = view.ranges.get(k);
  out.from = r ? r[0] : 0;
  out.to = r ? r[1] : 0;
}

export interface Segment {
  /** term numbers with a block here, ascending (renumbered in place when the index compacts) */
  terms: Uint32Array;
  /** block k is [starts[k], ends[k]) from the segment's start (a segment is < 4 GB) */
  starts: Uint32Array;
  ends: Uint32Array;
  /** CRC-32 of each block, checked when the block is read from the file */
  crcs: Uint32Array;
  /** where the segment starts in the positions file; -1 while it is only in memory */
  base: number;
  /** the blocks, while the segment is only in memory */
  bytes: Uint8Array | undefined;
  /** documents whose positions it holds (for the share of garbage) */
  docs: number;
}

/** The block of term `t` in `s`: [from, to) from the segment's start, or undefined. */
export function blockOf(s: Segment, t: number): [from: number, to: number, k: number] | undefined {
  let lo = 0;
  let hi = s.terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s.terms[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo < s.terms.length && s.terms[lo] === t ? [s.starts[lo]!, s.ends[lo]!, lo] : undefined;
}

/** A block's parts, as views on its bytes (which must start 4-byte aligned). Undefined when it does not check out. */
export function decodeBlock(block: Uint8Array): { serials: Uint32Array; ends: Uint32Array; bytes: Uint8Array } | undefined {
  if (block.length < 4 || block.byteOffset % 4) return undefined;
  const count = new Uint32Array(block.buffer, block.byteOffset, 1)[0]!;
  const head = 4 + count * 8;
  if (head > block.length) return undefined;
  const serials = new Uint32Array(block.buffer, block.byteOffset + 4, count);
  const ends = new Uint32Array(block.buffer, block.byteOffset + 4 + count * 4, count);
  const bytes = block.subarray(head);
  if (count && ends[count - 1]! > bytes.length) return undefined;
  return { serials, ends, bytes };
}

/**
 * The positions of a term's postings `frozen[from, to)`, joined by serial from its blocks
 * (in segment order). A posting without positions (a title or notes only) gets none.
 */
export function joinBlocks(blocks: readonly Uint8Array[], frozen: Uint32Array, from: number, to: number, serialOf: (num: number) => number): TermPositions | undefined {
  const parts = [];
  let total = 0;
  for (const b of blocks) {
    const d = decodeBlock(b);
    if (!d) return undefined;
    parts.push(d);
    total += d.bytes.length;
  }
  const starts = new Uint32Array(to - from + 1);
  const out = new Uint8Array(total);
  let at = 0;
  let p = 0;
  let e = 0;
  for (let i = from; i < to; i++) {
    starts[i - from] = at;
    const serial = serialOf(frozen[i]! >>> 9);
    if (serial < 0) continue;
    while (p < parts.length) {
      const part = parts[p]!;
      while (e < part.serials.length && part.serials[e]! < serial) e++;
      if (e < part.serials.length) break;
      p++;
      e = 0;
    }
    if (p === parts.length) continue;
    const part = parts[p]!;
    if (part.serials[e] !== serial) continue;
    // A document's positions are a few bytes: copied by a loop (a subarray per posting cost
    // more than the rest of the join, ~10 ms for a common word at 30,000 documents).
    const src = part.bytes;
    const b = part.ends[e]!;
    for (let a = e ? part.ends[e - 1]! : 0; a < b; a++) out[at++] = src[a]!;
  }
  starts[to - from] = at;
  return { starts, bytes: at === total ? out : out.slice(0, at) };
}

/**
 * Builds a segment, term by term (ascending), document by document (ascending serial). The
 * blocks made so far can be taken out (`take`) and written, so a rewrite of the positions
 * file never holds more than a few MB of it.
 */
export class SegmentWriter {
  private buffer: Uint8Array = new Uint8Array(1 << 16);
  /** bytes of blocks made so far, taken out or not */
  private length = 0;
  /** bytes taken out by `take` */
  private taken = 0;
  private readonly terms: number[] = [];
  private readonly starts: number[] = [];
  private readonly crcs: number[] = [];
  /** the current term's documents (serials[0, count)) and where each one's positions end in `bytes`: typed, reused from term to term */
  private serials: Uint32Array = new Uint32Array(1024);
  private ends: Uint32Array = new Uint32Array(1024);
  private count = 0;
  private bytes: Uint8Array = new Uint8Array(1 << 12);
  private byteCount = 0;
  private term = -1;
  /**
   * Which serials have positions here (one byte each, from the first serial seen), and how
   * many: a Set of them cost a hash insertion per posting, the largest part of a compaction's
   * segment at 75,000 documents with the copy below (issue #19).
   */
  private seen: Uint8Array = new Uint8Array(0);
  private seenFrom = -1;
  private docs = 0;

  /** Adds the positions `from[a, b)` of document `serial` to term `t` (terms in ascending order). */
  add(t: number, serial: number, from: Uint8Array, a: number, b: number): void {
    if (b <= a) return;
    if (t !== this.term) {
      this.endTerm();
      this.term = t;
    }
    let n = this.byteCount;
    if (n + b - a > this.bytes.length) this.bytes = grown(this.bytes, n + b - a);
    // A document's positions for one term are a few bytes: a loop copies them faster than a subarray and a set.
    const bytes = this.bytes;
    for (let i = a; i < b; i++) bytes[n++] = from[i]!;
    this.byteCount = n;
    if (this.count === this.serials.length) {
      this.serials = grownWords(this.serials);
      this.ends = grownWords(this.ends);
    }
    this.serials[this.count] = serial;
    this.ends[this.count++] = n;
    this.countDoc(serial);
  }

  private countDoc(serial: number): void {
    if (this.seenFrom < 0) this.seenFrom = serial;
    if (serial < this.seenFrom) {
      // Serials mostly ascend from the first; one below it moves the window's start down past
      // it by the window's length again (not below 0), so that it moves a few times at most.
      const from = Math.max(0, Math.min(serial, this.seenFrom - this.seen.length));
      const shift = this.seenFrom - from;
      const moved = new Uint8Array(this.seen.length + shift);
      moved.set(this.seen, shift);
      this.seen = moved;
      this.seenFrom = from;
    }
    const at = serial - this.seenFrom;
    if (at >= this.seen.length) this.seen = grown(this.seen, at + 1);
    if (this.seen[at] === 0) {
      this.seen[at] = 1;
      this.docs++;
    }
  }

  /** Bytes made and not yet taken out. */
  get pending(): number {
    return this.length - this.taken;
  }

  /** The blocks made since the last `take`, to be written in order. */
  take(): Uint8Array {
    const out = this.buffer.slice(0, this.length - this.taken);
    this.taken = this.length;
    return out;
  }

  /** The segment: its bytes in memory unless they were all taken out. */
  finish(): Segment {
    this.endTerm();
    if (this.length >= 2 ** 32) throw new Error('search index: a positions segment of 4 GB or more');
    const n = this.terms.length;
    const starts = Uint32Array.from(this.starts);
    const ends = new Uint32Array(n);
    for (let k = 0; k < n; k++) ends[k] = k + 1 < n ? starts[k + 1]! : this.length;
    const bytes = this.taken ? undefined : this.buffer.slice(0, this.length);
    return { terms: Uint32Array.from(this.terms), starts, ends, crcs: Uint32Array.from(this.crcs), base: -1, bytes, docs: this.docs };
  }

  private endTerm(): void {
    if (this.term < 0 || !this.count) return;
    const count = this.count;
    const size = 4 + count * 8 + this.byteCount;
    const padded = size + ((4 - (size % 4)) % 4);
    const at = this.length - this.taken;
    if (at + padded > this.buffer.length) this.buffer = grown(this.buffer, at + padded);
    // Blocks start 4-byte aligned in the buffer (each is padded): the words are written in place.
    const words = new Uint32Array(this.buffer.buffer, this.buffer.byteOffset + at, 1 + count * 2);
    words[0] = count;
    words.set(this.serials.subarray(0, count), 1);
    words.set(this.ends.subarray(0, count), 1 + count);
    this.buffer.set(this.bytes.subarray(0, this.byteCount), at + 4 + count * 8);
    this.buffer.fill(0, at + size, at + padded);
    this.terms.push(this.term);
    this.starts.push(this.length);
    this.crcs.push(crc32(this.buffer.subarray(at, at + padded)));
    this.length += padded;
    this.count = 0;
    this.byteCount = 0;
    this.term = -1;
  }
}

function grownWords(a: Uint32Array): Uint32Array {
  const b = new Uint32Array(a.length * 2);
  b.set(a);
  return b;
}

function grown(a: Uint8Array, min: number): Uint8Array {
  const b = new Uint8Array(Math.max(min, a.length * 2));
  b.set(a);
  return b;
}

/**
 * Renumbers the segment's terms after a compaction (`newOf[old]`, -1 for a term that has no
 * postings left: its block becomes garbage). Order is kept: terms are renumbered in order.
 */
export function renumberSegment(s: Segment, newOf: Int32Array): void {
  let kept = 0;
  for (let k = 0; k < s.terms.length; k++) if ((newOf[s.terms[k]!] ?? -1) >= 0) kept++;
  if (kept === s.terms.length) {
    // A new array: a save may be writing the old one.
    s.terms = s.terms.map((t) => newOf[t]!);
    return;
  }
  const terms = new Uint32Array(kept);
  const starts = new Uint32Array(kept);
  const ends = new Uint32Array(kept);
  const crcs = new Uint32Array(kept);
  let n = 0;
  for (let k = 0; k < s.terms.length; k++) {
    const t = newOf[s.terms[k]!] ?? -1;
    if (t < 0) continue;
    terms[n] = t;
    starts[n] = s.starts[k]!;
    ends[n] = s.ends[k]!;
    crcs[n++] = s.crcs[k]!;
  }
  s.terms = terms;
  s.starts = starts;
  s.ends = ends;
  s.crcs = crcs;
}

/**
 * Segments held in memory (one per compaction since the last write) merged into one, so that
 * an import's many compactions add one segment to the file per write, not one each. They
 * cover ascending ranges of serials, so a term's blocks are concatenated in order.
 */
export function mergeMemorySegments(segments: readonly Segment[]): Segment {
  if (segments.length === 1) return segments[0]!;
  const writer = new SegmentWriter();
  const at = segments.map(() => 0);
  for (;;) {
    let t = Infinity;
    segments.forEach((s, j) => {
      if (at[j]! < s.terms.length) t = Math.min(t, s.terms[at[j]!]!);
    });
    if (t === Infinity) break;
    segments.forEach((s, j) => {
      const k = at[j]!;
      if (k >= s.terms.length || s.terms[k] !== t) return;
      at[j] = k + 1;
      const block = decodeBlock(s.bytes!.subarray(s.starts[k], s.ends[k]));
      if (!block) throw new Error('search index: a positions segment in memory does not check out');
      for (let e = 0; e < block.serials.length; e++) writer.add(t, block.serials[e]!, block.bytes, e ? block.ends[e - 1]! : 0, block.ends[e]!);
    });
  }
  return writer.finish();
}
