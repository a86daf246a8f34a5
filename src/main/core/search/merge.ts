/**
 * Compaction of the inverted index: the frozen arrays and the tails merged into new
 * frozen arrays, removed documents and empty postings dropped, documents renumbered,
 * terms in code-unit order. Kept apart from postings.ts and posting-format.ts, which say
 * what the parts mean.
 */
import { SegmentWriter, type Segment } from './position-segments';
import type { LivePositions } from './posting-format';

interface Sources {
  frozen: Uint32Array;
  offsets: Uint32Array;
  sortedCount: number;
  tails: ReadonlyMap<number, { postings: number[]; refs: number[]; whole: boolean }>;
  liveDocs: ReadonlyMap<number, LivePositions>;
  /** the serial of document `num` (before renumbering) */
  serialOf: (num: number) => number;
  /** no frozen posting is emptied (InvertedIndex.frozenClean): they need not be scanned for one */
  frozenClean?: boolean;
}

export interface MergedArrays {
  offsets: Uint32Array;
  frozen: Uint32Array;
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Term numbers in code-unit order of their terms: the first `sortedCount` already are. */
export function sortedTermOrder(terms: readonly string[], sortedCount: number): number[] {
  const added = Array.from({ length: terms.length - sortedCount }, (_, k) => sortedCount + k);
  added.sort((a, b) => byCodeUnits(terms[a]!, terms[b]!));
  const order: number[] = [];
  let i = 0;
  let j = 0;
  while (i < sortedCount || j < added.length) {
    if (j >= added.length || (i < sortedCount && terms[i]! < terms[added[j]!]!)) order.push(i++);
    else order.push(added[j++]!);
  }
  return order;
}

/** Trims what went unused (postings emptied by annotation edits, when no document was removed): a copy only when more than an eighth did. */
const fit = (a: Uint32Array, used: number): Uint32Array => (a.length - used > used / 8 ? a.slice(0, used) : a.subarray(0, used));

/**
 * What the merged postings number when every document stays: each frozen posting (a term's
 * whole tail repeats its frozen postings, counted once) and each tail posting. Exact but
 * for postings emptied by annotation edits, which are dropped.
 */
function sizeBound(s: Sources): number {
  let postings = s.frozen.length;
  for (const [t, tail] of s.tails) {
    postings += tail.postings.length;
    if (tail.whole && t < s.sortedCount) postings -= s.offsets[t + 1]! - s.offsets[t]!;
  }
  return postings;
}

/** What the merged postings number when documents were removed: counted, so that nothing is allocated for the removed ones. */
function sizeKept(renumber: Int32Array, s: Sources): number {
  let postings = 0;
  const count = (p: number) => {
    if (renumber[p >>> 9]! >= 0 && (p & 511) !== 0) postings++;
  };
  for (let t = 0; t < s.sortedCount; t++) {
    if (s.tails.get(t)?.whole) continue;
    for (let i = s.offsets[t]!; i < s.offsets[t + 1]!; i++) count(s.frozen[i]!);
  }
  for (const tail of s.tails.values()) for (const p of tail.postings) count(p);
  return postings;
}

/**
 * The frozen postings and the tails merged (positions stay where they are: segments are
 * keyed by serial, which compaction keeps), and a new segment holding the positions of the
 * documents added since the last compaction (`liveDocs`), under the new term numbers.
 */
export function mergeParts(order: readonly number[], renumber: Int32Array, s: Sources): { terms: number[]; arrays: MergedArrays; segment: Segment } {
  // Documents keep their numbers when none was removed: a term's frozen postings then move as one block.
  let same = true;
  for (let num = 0; num < renumber.length && same; num++) same = renumber[num] === num;
  if (same && everyFrozenKept(s)) return mergeInPlace(order, s);
  const postingBound = same ? sizeBound(s) : sizeKept(renumber, s);

  const frozen = new Uint32Array(postingBound);
  const offsets: number[] = [];
  const terms: number[] = [];
  const writer = new SegmentWriter();
  const live = new LiveTable(s);
  let n = 0;

  const keep = (p: number): boolean => {
    const num = renumber[p >>> 9]!;
    if (num < 0 || (p & 511) === 0) return false;
    frozen[n++] = num * 512 + (p & 511);
    return true;
  };

  /** Frozen postings [a, b) as one block, when every one of them is kept unchanged. */
  const keepRun = (a: number, b: number): boolean => {
    if (!same) return false;
    for (let i = a; i < b; i++) if ((s.frozen[i]! & 511) === 0) return false;
    frozen.set(s.frozen.subarray(a, b), n);
    n += b - a;
    return true;
  };

  for (const t of order) {
    const first = n;
    const newTerm = terms.length;
    const tail = s.tails.get(t);
    if (!tail?.whole && t < s.sortedCount) {
      const a = s.offsets[t]!;
      const b = s.offsets[t + 1]!;
      if (!keepRun(a, b)) for (let i = a; i < b; i++) keep(s.frozen[i]!);
    }
    if (tail) {
      for (let j = 0; j < tail.postings.length; j++) {
        const p = tail.postings[j]!;
        const ref = tail.refs[j]!;
        if (keep(p)) live.add(writer, newTerm, p, ref);
      }
    }
    if (n > first) {
      offsets.push(first);
      terms.push(t);
    }
  }
  offsets.push(n);
  return { terms, arrays: { offsets: Uint32Array.from(offsets), frozen: fit(frozen, n) }, segment: writer.finish() };
}

/**
 * The live documents (added since the last compaction) by number, in arrays from the lowest:
 * every tail posting asks for its document's positions and serial, and a Map look-up and a
 * call each were most of a compaction's segment at 75,000 documents (issue #19).
 */
class LiveTable {
  private readonly from: number;
  private readonly live: (LivePositions | undefined)[];
  private readonly serials: Int32Array;

  constructor(s: Sources) {
    let lo = Infinity;
    let hi = -1;
    for (const num of s.liveDocs.keys()) {
      lo = Math.min(lo, num);
      hi = Math.max(hi, num);
    }
    this.from = hi < 0 ? 0 : lo;
    const n = hi < 0 ? 0 : hi - lo + 1;
    this.live = new Array<LivePositions | undefined>(n);
    this.serials = new Int32Array(n);
    for (const [num, live] of s.liveDocs) {
      this.live[num - this.from] = live;
      this.serials[num - this.from] = s.serialOf(num);
    }
  }

  /** A tail posting's positions, when they are still a live document's (ref ≤ -2: its k-th run), go to the new segment under the term's new number. */
  add(writer: SegmentWriter, newTerm: number, p: number, ref: number): void {
    if (ref > -2) return;
    const at = (p >>> 9) - this.from;
    const live = at >= 0 ? this.live[at] : undefined;
    if (!live) return;
    const k = -(ref + 2);
    writer.add(newTerm, this.serials[at]!, live.positions, k ? live.positionEnds[k - 1]! : 0, live.positionEnds[k]!);
  }
}

/**
 * The frozen array's room: a compaction that only adds postings (an import) moves them within
 * its buffer (`mergeInPlace`) while they fit. Room costs address space, not memory: the pages
 * past the postings are never written until postings move into them (a large zeroed buffer
 * is mapped, not filled). Issue #19: a new array per compaction beside the old one was ~250 MB
 * at 100,000 documents, and the old one lived on until V8 collected it (seconds to minutes).
 */
const ROOM = 1.5;
/** Buffers made here with room: only these are written in place (a frozen array read from a file may share its buffer with other parts). */
const roomy = new WeakSet<ArrayBufferLike>();

/** Whether every frozen posting stays, in its place in its term's run: no term's tail holds its frozen postings, none was emptied. */
function everyFrozenKept(s: Sources): boolean {
  for (const [t, tail] of s.tails) if (tail.whole && t < s.sortedCount) return false;
  if (s.frozenClean) return true;
  const end = s.offsets[s.sortedCount]!;
  for (let i = 0; i < end; i++) if ((s.frozen[i]! & 511) === 0) return false;
  return true;
}

/**
 * `mergeParts` when no document was removed and every frozen posting stays: each term's run
 * only moves right (by the tail postings of the terms before it), so the runs are moved last
 * to first inside the same buffer, and the tails written after them. A new buffer (with room)
 * is made only when the postings outgrow it.
 */
function mergeInPlace(order: readonly number[], s: Sources): { terms: number[]; arrays: MergedArrays; segment: Segment } {
  const terms: number[] = [];
  const starts: number[] = [];
  const writer = new SegmentWriter();
  const live = new LiveTable(s);
  let n = 0;
  // First pass, terms in order: where each run starts, and the positions of the tails' postings.
  for (const t of order) {
    const first = n;
    const newTerm = terms.length;
    if (t < s.sortedCount) n += s.offsets[t + 1]! - s.offsets[t]!;
    const tail = s.tails.get(t);
    if (tail) {
      for (let j = 0; j < tail.postings.length; j++) {
        const p = tail.postings[j]!;
        if ((p & 511) === 0) continue; // emptied by an annotation edit
        n++;
        live.add(writer, newTerm, p, tail.refs[j]!);
      }
    }
    if (n > first) {
      starts.push(first);
      terms.push(t);
    }
  }
  let frozen: Uint32Array;
  if (s.frozen.byteOffset === 0 && roomy.has(s.frozen.buffer) && s.frozen.buffer.byteLength >= n * 4) frozen = new Uint32Array(s.frozen.buffer);
  else {
    frozen = new Uint32Array(Math.ceil(n * ROOM));
    roomy.add(frozen.buffer);
    frozen.set(s.frozen.subarray(0, s.offsets[s.sortedCount]!));
  }
  // Second pass, last term first: a run's new place is at or right of its old one, and right of every run not moved yet.
  for (let k = terms.length - 1; k >= 0; k--) {
    const t = terms[k]!;
    let at = starts[k]!;
    if (t < s.sortedCount) {
      const a = s.offsets[t]!;
      const b = s.offsets[t + 1]!;
      if (at !== a) frozen.copyWithin(at, a, b);
      at += b - a;
    }
    const tail = s.tails.get(t);
    if (!tail) continue;
    for (const p of tail.postings) if ((p & 511) !== 0) frozen[at++] = p;
  }
  starts.push(n);
  return { terms, arrays: { offsets: Uint32Array.from(starts), frozen: frozen.subarray(0, n) }, segment: writer.finish() };
}
