/**
 * Compaction of the inverted index: the frozen arrays and the tails merged into new
 * frozen arrays, removed documents and empty postings dropped, documents renumbered,
 * terms in code-unit order. Kept apart from postings.ts, which says what the parts mean.
 */
import type { LivePositions } from './postings';

interface Sources {
  frozen: Uint32Array;
  offsets: Uint32Array;
  posStarts: Uint32Array;
  posBytes: Uint8Array;
  sortedCount: number;
  tails: ReadonlyMap<number, { postings: number[]; refs: number[]; whole: boolean }>;
  liveDocs: ReadonlyMap<number, LivePositions>;
}

export interface MergedArrays {
  offsets: Uint32Array;
  frozen: Uint32Array;
  posStarts: Uint32Array;
  posBytes: Uint8Array;
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
const fit = <T extends Uint8Array | Uint32Array>(a: T, used: number): T => (a.length - used > used / 8 ? (a.slice(0, used) as T) : (a.subarray(0, used) as T));

/**
 * What the merged arrays hold when every document stays: each frozen posting (a term's
 * whole tail repeats its frozen postings, counted once) and each tail posting. Exact but
 * for postings emptied by annotation edits, which are dropped.
 */
function sizeBound(s: Sources): { postings: number; bytes: number } {
  let postings = s.frozen.length;
  for (const [t, tail] of s.tails) {
    postings += tail.postings.length;
    if (tail.whole && t < s.sortedCount) postings -= s.offsets[t + 1]! - s.offsets[t]!;
  }
  let bytes = s.posBytes.length;
  for (const a of s.liveDocs.values()) bytes += a.positions.length;
  return { postings, bytes };
}

/** What the merged arrays hold when documents were removed: counted, so that nothing is allocated for the removed ones. */
function sizeKept(renumber: Int32Array, s: Sources): { postings: number; bytes: number } {
  let postings = 0;
  let bytes = 0;
  const count = (p: number, length: number) => {
    if (renumber[p >>> 9]! < 0 || (p & 511) === 0) return;
    postings++;
    bytes += length;
  };
  for (let t = 0; t < s.sortedCount; t++) {
    if (s.tails.get(t)?.whole) continue;
    for (let i = s.offsets[t]!; i < s.offsets[t + 1]!; i++) count(s.frozen[i]!, s.posStarts[i + 1]! - s.posStarts[i]!);
  }
  for (const tail of s.tails.values()) {
    for (let j = 0; j < tail.postings.length; j++) {
      const p = tail.postings[j]!;
      const ref = tail.refs[j]!;
      if (ref >= 0) count(p, s.posStarts[ref + 1]! - s.posStarts[ref]!);
      else if (ref === -1) count(p, 0);
      else {
        const a = s.liveDocs.get(p >>> 9);
        const k = -(ref + 2);
        count(p, a ? a.positionEnds[k]! - (k ? a.positionEnds[k - 1]! : 0) : 0);
      }
    }
  }
  return { postings, bytes };
}

export function mergeParts(order: readonly number[], renumber: Int32Array, s: Sources): { terms: number[]; arrays: MergedArrays } {
  // Documents keep their numbers when none was removed: a term's frozen postings then move as
  // one block, with their positions (a copy per posting made compaction ~2 s at 10,000 documents).
  let same = true;
  for (let num = 0; num < renumber.length && same; num++) same = renumber[num] === num;
  const { postings: postingBound, bytes: byteBound } = same ? sizeBound(s) : sizeKept(renumber, s);

  const frozen = new Uint32Array(postingBound);
  const posStarts = new Uint32Array(postingBound + 1);
  const posBytes = new Uint8Array(byteBound);
  const offsets: number[] = [];
  const terms: number[] = [];
  let n = 0;
  let bytes = 0;

  const keep = (p: number, from: Uint8Array, start: number, end: number) => {
    const num = renumber[p >>> 9]!;
    if (num < 0 || (p & 511) === 0) return;
    frozen[n] = num * 512 + (p & 511);
    posStarts[n] = bytes;
    if (end - start > 32) posBytes.set(from.subarray(start, end), bytes);
    else for (let i = start; i < end; i++) posBytes[bytes + i - start] = from[i]!;
    bytes += end - start;
    n++;
  };

  /** Frozen postings [a, b) as one block, when every one of them is kept unchanged. */
  const keepRun = (a: number, b: number): boolean => {
    if (!same) return false;
    for (let i = a; i < b; i++) if ((s.frozen[i]! & 511) === 0) return false;
    frozen.set(s.frozen.subarray(a, b), n);
    const from = s.posStarts[a]!;
    const shift = bytes - from;
    for (let i = a; i < b; i++) posStarts[n++] = s.posStarts[i]! + shift;
    const to = s.posStarts[b]!;
    posBytes.set(s.posBytes.subarray(from, to), bytes);
    bytes += to - from;
    return true;
  };

  for (const t of order) {
    const first = n;
    const tail = s.tails.get(t);
    if (!tail?.whole && t < s.sortedCount) {
      const a = s.offsets[t]!;
      const b = s.offsets[t + 1]!;
      if (!keepRun(a, b)) for (let i = a; i < b; i++) keep(s.frozen[i]!, s.posBytes, s.posStarts[i]!, s.posStarts[i + 1]!);
    }
    if (tail) {
      for (let j = 0; j < tail.postings.length; j++) {
        const p = tail.postings[j]!;
        const ref = tail.refs[j]!;
        if (ref >= 0) keep(p, s.posBytes, s.posStarts[ref]!, s.posStarts[ref + 1]!);
        else if (ref === -1) keep(p, s.posBytes, 0, 0);
        else {
          const a = s.liveDocs.get(p >>> 9);
          const k = -(ref + 2);
          if (a) keep(p, a.positions, k ? a.positionEnds[k - 1]! : 0, a.positionEnds[k]!);
          else keep(p, s.posBytes, 0, 0);
        }
      }
    }
    if (n > first) {
      offsets.push(first);
      terms.push(t);
    }
  }
  offsets.push(n);
  posStarts[n] = bytes;
  return {
    terms,
    arrays: { offsets: Uint32Array.from(offsets), frozen: fit(frozen, n), posStarts: fit(posStarts, n + 1), posBytes: fit(posBytes, bytes) },
  };
}
