/**
 * The best candidates of a query in rank order (by score, then by id), without ordering the
 * rest: a page of twenty from tens of thousands of matches, or a batch of a thousand for
 * phrase checks in rank order (rank-checks.ts).
 */
import type { Candidate, Candidates } from './execute';
import type { InvertedIndex } from './postings';

const NONE: never[] = [];

/** Batches larger than this are chosen by selecting a score threshold rather than by a heap. */
const HEAP_UP_TO = 64;

/**
 * The first `wanted` of the plain candidates in rank order, without ordering the rest. Ranks
 * exactly as sorting everything by `byRank` would.
 */
export function topByRank(index: InvertedIndex, c: Candidates, wanted: number): Candidate[] {
  return Array.from(bestIndices(index, c, wanted), (i) => ({ num: c.nums[i]!, score: c.scores[i]!, verify: NONE, excludeIf: NONE }));
}

/**
 * Indices into `c.nums` of its best `wanted` candidates, in rank order (see `topByRank`);
 * with `after`, the best of those that rank after candidate `after` (the next batch).
 *
 * A page (a few dozen) is kept in a heap of `wanted`, its worst on top: most candidates are
 * turned away by one comparison with that worst. A batch of a thousand among tens of
 * thousands made a heap insertion for thousands of them (each ~20 comparisons through a
 * closure): for those the `wanted`-th best score is found by selection over a copy of the
 * scores (linear), and only candidates scoring at least that are sorted. Both give the same
 * indices in the same order: `before` is a total order (ids are unique).
 */
export function bestIndices(index: InvertedIndex, c: Candidates, wanted: number, after = -1): Int32Array {
  const { nums, scores, count } = c;
  const k = Math.min(wanted, count);
  if (k <= 0) return new Int32Array(0);
  const docs = index.docs;
  // i ranks before j
  const before = (i: number, j: number) => scores[i]! > scores[j]! || (scores[i] === scores[j] && docs[nums[i]!]!.id < docs[nums[j]!]!.id);
  // Scores decide but for ties: most candidates are turned away by comparing numbers alone.
  const bound = after >= 0 ? scores[after]! : Infinity;
  const eligible = (i: number) => {
    const score = scores[i]!;
    return score < bound || (score === bound && before(after, i));
  };
  return k > HEAP_UP_TO ? bySelection(c, k, eligible, before) : byHeap(c, k, eligible, before);
}

function byHeap({ scores, count }: Candidates, k: number, eligible: (i: number) => boolean, before: (i: number, j: number) => boolean): Int32Array {
  const heap = new Int32Array(k);
  const down = (at: number, n: number) => {
    const item = heap[at]!;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= n) break;
      // the worse child goes up: the top is the worst
      if (child + 1 < n && before(heap[child]!, heap[child + 1]!)) child++;
      if (!before(item, heap[child]!)) break;
      heap[at] = heap[child]!;
      at = child;
    }
    heap[at] = item;
  };
  let n = 0;
  for (let i = 0; i < count; i++) {
    if (!eligible(i)) continue;
    if (n === k && scores[i]! < scores[heap[0]!]!) continue;
    if (n < k) {
      heap[n++] = i;
      if (n === k) for (let h = (k >>> 1) - 1; h >= 0; h--) down(h, k);
    } else if (before(i, heap[0]!)) {
      heap[0] = i;
      down(0, k);
    }
  }
  return heap.subarray(0, n).sort((i, j) => (before(i, j) ? -1 : 1));
}

/** Scratch of `bySelection`, grown as needed and kept (a fresh one per batch was most of its cost). */
let pool = new Float64Array(0);
let picked = new Int32Array(0);

function bySelection({ scores, count }: Candidates, k: number, eligible: (i: number) => boolean, before: (i: number, j: number) => boolean): Int32Array {
  if (pool.length < count) {
    pool = new Float64Array(count);
    picked = new Int32Array(count);
  }
  let m = 0;
  for (let i = 0; i < count; i++) if (eligible(i)) pool[m++] = scores[i]!;
  if (m === 0) return new Int32Array(0);
  // The k-th highest eligible score: every candidate of the best k scores at least that.
  const threshold = m <= k ? -Infinity : kthLargest(pool, m, k);
  let n = 0;
  for (let i = 0; i < count; i++) if (scores[i]! >= threshold && eligible(i)) picked[n++] = i;
  return picked
    .subarray(0, n)
    .sort((i, j) => (before(i, j) ? -1 : 1))
    .slice(0, Math.min(k, n));
}

/** The `k`-th largest of `values[0, m)` (1-based), reordering them: quickselect, middle of three as pivot. */
export function kthLargest(values: Float64Array, m: number, k: number): number {
  let lo = 0;
  let hi = m - 1;
  const want = k - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const a = values[lo]!;
    const b = values[mid]!;
    const c = values[hi]!;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    // Hoare partition, largest first.
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! > pivot) i++;
      while (values[j]! < pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i++] = values[j]!;
        values[j--] = t;
      }
    }
    if (want <= j) hi = j;
    else if (want >= i) lo = i;
    else return values[want]!;
  }
  return values[want]!;
}
