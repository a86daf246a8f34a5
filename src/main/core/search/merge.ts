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

/** Allocates for the worst case; trims when more than an eighth went unused. */
const fit = <T extends Uint8Array | Uint32Array>(a: T, used: number): T => (a.length - used > used / 8 ? (a.slice(0, used) as T) : (a.subarray(0, used) as T));

export function mergeParts(order: readonly number[], renumber: Int32Array, s: Sources): { terms: number[]; arrays: MergedArrays } {
  let postingBound = s.frozen.length;
  for (const tail of s.tails.values()) postingBound += tail.postings.length;
  let byteBound = s.posBytes.length;
  for (const a of s.liveDocs.values()) byteBound += a.positions.length;

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
    if (end > start) {
      posBytes.set(from.subarray(start, end), bytes);
      bytes += end - start;
    }
    n++;
  };

  for (const t of order) {
    const first = n;
    const tail = s.tails.get(t);
    if (!tail?.whole && t < s.sortedCount) {
      for (let i = s.offsets[t]!; i < s.offsets[t + 1]!; i++) keep(s.frozen[i]!, s.posBytes, s.posStarts[i]!, s.posStarts[i + 1]!);
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
