/**
 * The library table's sort keys as integer ranks (issue #19): each row's value ranked among the
 * others, and packed numbers sorted without a comparator (sort-documents.ts).
 */

export const SLOT = 2 ** 17; // more than 100,000 rows: ranks and row numbers each fit below it

/**
 * Each row's value as a rank in their natural order (code units, numbers): equal values equal
 * ranks, each below the number of rows. Values nearly in order — the import times, in library
 * order, where documents are appended as they are imported and parallel imports leave each a
 * few dozen places at most from its own — are ranked by an insertion sort of the rows (a few
 * moves per value out of place); strings of one fixed form of digits (import times, sizes) as
 * numbers; other strings by their rank among the distinct values (one sort of those). Issue
 * #19: hashing 100,000 strings twice per sort was most of a sort's time, and reading 100,000
 * import times as numbers was a third of the table's first view.
 */
export function valueRanks<T extends string | number>(values: readonly T[]): Int32Array {
  const n = values.length;
  const nearly = nearlyOrderedRanks(values);
  if (nearly) return nearly;
  if (typeof values[0] === 'number') return numberRanks(Float64Array.from(values as readonly number[]));
  const digits = digitKeys(values as readonly string[]);
  if (digits) return numberRanks(digits);
  const out = new Int32Array(n);
  const distinct = [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const rankOf = new Map<T, number>(distinct.map((v, i) => [v, i]));
  for (let i = 0; i < n; i++) out[i] = rankOf.get(values[i]!)!;
  return out;
}

/**
 * Ranks of values at most one in sixteen out of order, by a stable insertion sort of the rows
 * while it takes at most 8 moves per row; null for others (or when that many moves were not
 * enough). A rank is the place of its value's first row in order.
 */
function nearlyOrderedRanks<T extends string | number>(values: readonly T[]): Int32Array | null {
  const n = values.length;
  let descents = 0;
  for (let i = 1; i < n; i++) if (values[i - 1]! > values[i]!) descents++;
  if (descents > n / 16) return null;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let budget = 8 * n;
  for (let i = 1; i < n && descents > 0; i++) {
    const row = order[i]!;
    const v = values[row]!;
    let j = i - 1;
    while (j >= 0 && values[order[j]!]! > v) {
      order[j + 1] = order[j]!;
      j--;
      if (--budget < 0) return null;
    }
    order[j + 1] = row;
  }
  const out = new Int32Array(n);
  for (let p = 1; p < n; p++) {
    const row = order[p]!;
    const before = order[p - 1]!;
    out[row] = values[before] === values[row] ? out[before]! : p;
  }
  return out;
}

/**
 * Ranks of numbers: whole numbers within 2^35 of the smallest (sizes; import times of one
 * day read as digits) packed with their row and sorted as one number each, others sorted and
 * searched.
 */
function numberRanks(values: Float64Array): Int32Array {
  const n = values.length;
  const out = new Int32Array(n);
  let min = Infinity;
  let packable = n <= SLOT;
  for (let i = 0; i < n && packable; i++) {
    const v = values[i]!;
    if (!Number.isInteger(v)) packable = false;
    else if (v < min) min = v;
  }
  for (let i = 0; i < n && packable; i++) if (values[i]! - min >= 2 ** 35) packable = false;
  if (packable) {
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = (values[i]! - min) * SLOT + i;
    sortKeys(keys);
    let rank = 0;
    let last = -1;
    for (let p = 0; p < n; p++) {
      const row = keys[p]! % SLOT;
      const value = (keys[p]! - row) / SLOT;
      if (value !== last) {
        rank = p;
        last = value;
      }
      out[row] = rank;
    }
    return out;
  }
  const sorted = values.slice();
  sortKeys(sorted);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    out[i] = lo;
  }
  return out;
}

/**
 * Sorts numbers in place. Numbers nearly in order either way — import times in library order,
 * where parallel imports leave each a few dozen places at most from its own, and the table's
 * first view, newest first — are sorted by insertion (a move per number out of place), others
 * natively. Issue #19: a native sort of 100,000 numbers is ~14 ms here whatever their order.
 */
export function sortKeys(keys: Float64Array): void {
  const n = keys.length;
  let descents = 0;
  for (let i = 1; i < n; i++) if (keys[i - 1]! > keys[i]!) descents++;
  if (descents > n - 1 - n / 16) keys.reverse();
  else if (descents > n / 16) return void keys.sort();
  if (!insertionSort(keys, 8 * n)) keys.sort();
}

/** Sorts by insertion while it takes at most `budget` moves (answers true), else leaves a permutation of `keys` (false). */
function insertionSort(keys: Float64Array, budget: number): boolean {
  for (let i = 1; i < keys.length; i++) {
    const v = keys[i]!;
    let j = i - 1;
    while (j >= 0 && keys[j]! > v) {
      keys[j + 1] = keys[j]!;
      j--;
      budget--;
    }
    keys[j + 1] = v;
    if (budget < 0) return false;
  }
  return true;
}

/**
 * Strings of one form — the same length, each place a digit in all of them or the same
 * character in all (ISO times such as 2026-12-03T02:24:58.123Z) — as numbers in the same
 * order: two such strings first differ at a digit, so their code-unit order is the order of
 * their digits read as one number. Up to 15 digits are one exact number; up to 30 are read
 * as a head and 15 more, the head's few values (at most 8: a century) ranked first. Null for
 * any other strings.
 */
function digitKeys(values: readonly string[]): Float64Array | null {
  const n = values.length;
  const form = values[0]!;
  const length = form.length;
  const isDigit = (c: number) => c >= 48 && c <= 57;
  let count = 0;
  for (let k = 0; k < length; k++) if (isDigit(form.charCodeAt(k))) count++;
  if (count === 0 || count > 30) return null;
  const headDigits = Math.max(0, count - 15);
  const heads: number[] = [];
  const headOf = new Float64Array(n);
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const value = values[i]!;
    if (value.length !== length) return null;
    let head = 0;
    let tail = 0;
    let seen = 0;
    for (let k = 0; k < length; k++) {
      const c = value.charCodeAt(k);
      const f = form.charCodeAt(k);
      if (isDigit(f)) {
        if (!isDigit(c)) return null;
        if (seen++ < headDigits) head = head * 10 + (c - 48);
        else tail = tail * 10 + (c - 48);
      } else if (c !== f) return null;
    }
    if (headDigits && !heads.includes(head)) {
      if (heads.length === 8) return null;
      heads.push(head);
    }
    headOf[i] = head;
    keys[i] = tail;
  }
  if (headDigits) {
    heads.sort((a, b) => a - b);
    for (let i = 0; i < n; i++) keys[i] = heads.indexOf(headOf[i]!) * 1e15 + keys[i]!;
  }
  return keys;
}
