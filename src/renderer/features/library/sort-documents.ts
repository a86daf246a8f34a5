import type { ListedDocument } from '../../../shared/model';
import { ensureRanks, rankCount, rankVersion, titleRank } from './title-order';

/** Defined here, not in the store: the bench sorts 100,000 rows with this module under Node, without the renderer's store. */
export type SortKey = 'title' | 'date' | 'importedAt' | 'size' | 'type';
export type SortDirection = 'ascending' | 'descending';

/**
 * Dates, times and type names are ASCII (ISO 8601, lower-case ids): compared by code unit.
 * String.prototype.localeCompare builds a collator per call, which made sorting 10,000 rows
 * take ~1.8 s (issue #19).
 */
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Each row's value as a rank in their natural order (code units, numbers): equal values equal
 * ranks, each below the number of rows. Values already in order — the import times, in library
 * order, where documents are appended as they are imported — are ranked in one pass; numbers by
 * a native sort of a typed array and a binary search each; other strings by their rank among
 * the distinct values (one sort of those). Issue #19: hashing 100,000 strings twice per sort was
 * most of a sort's time.
 */
function valueRanks<T extends string | number>(values: readonly T[]): Int32Array {
  const n = values.length;
  const out = new Int32Array(n);
  let ordered = true;
  for (let i = 1; i < n && ordered; i++) if (values[i - 1]! > values[i]!) ordered = false;
  if (ordered) {
    for (let i = 1; i < n; i++) out[i] = values[i] === values[i - 1] ? out[i - 1]! : i;
    return out;
  }
  if (typeof values[0] === 'number') {
    const sorted = Float64Array.from(values as readonly number[]).sort();
    for (let i = 0; i < n; i++) {
      const v = values[i] as number;
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
  const distinct = [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const rankOf = new Map<T, number>(distinct.map((v, i) => [v, i]));
  for (let i = 0; i < n; i++) out[i] = rankOf.get(values[i]!)!;
  return out;
}

/** Each row's primary rank (undated documents: -1, placed last either way), or null for titles. */
function primary(docs: readonly ListedDocument[], key: SortKey): Int32Array | null {
  switch (key) {
    case 'title':
      return null;
    case 'size':
      return valueRanks(docs.map((d) => d.size));
    case 'type':
      return valueRanks(docs.map((d) => d.type));
    case 'importedAt':
      return valueRanks(docs.map((d) => d.importedAt));
    case 'date': {
      const ranks = valueRanks(docs.map((d) => d.date ?? ''));
      docs.forEach((d, i) => !d.date && (ranks[i] = -1));
      return ranks;
    }
  }
}

/**
 * Each row's title rank, kept per list of rows while the ranks do not change: the table sorts
 * the same rows again when a column or direction is clicked (rows are never edited in place;
 * a change makes a new list).
 */
const titleCache = new WeakMap<readonly ListedDocument[], { version: number; ranks: Int32Array }>();
function titleRanksOf(docs: readonly ListedDocument[]): Int32Array {
  const cached = titleCache.get(docs);
  if (cached && cached.version === rankVersion()) return cached.ranks;
  ensureRanks(docs.map((d) => d.title));
  const ranks = Int32Array.from(docs, (d) => titleRank(d.title));
  titleCache.set(docs, { version: rankVersion(), ranks });
  return ranks;
}

const SLOT = 2 ** 17; // more than 100,000 rows: ranks and row numbers each fit below it

/**
 * A sorted copy; ties fall back to title (the collator's order for the UI language) so the
 * order is stable across reloads, then id. Undated documents go last either way.
 *
 * Issue #19 (100,000 rows in ≤ 100 ms): no string is compared while sorting. Titles are
 * ranked in the collator's order (title-order.ts, kept for the session), the other keys by
 * their rank among the distinct values; each row becomes one number — primary rank, title
 * rank, row — and the numbers are sorted natively (a Float64Array, no comparator). Rows
 * whose primary and title ranks tie are then put in id order.
 */
export function sortDocuments<T extends ListedDocument>(docs: readonly T[], key: SortKey, direction: SortDirection): T[] {
  const n = docs.length;
  const title = titleRanksOf(docs);
  if (n >= SLOT || rankCount() >= SLOT - 1) return sortByCompare(docs, key, direction);
  const value = primary(docs, key);
  const top = SLOT - 1;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let p = 0;
    let t = title[i]!;
    if (value) {
      const v = value[i]!;
      p = v < 0 ? top : direction === 'ascending' ? v : top - 1 - v;
    } else if (direction === 'descending') t = top - t;
    keys[i] = (p * SLOT + t) * SLOT + i;
  }
  keys.sort();
  const out: T[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = docs[keys[i]! % SLOT]!;
  // Equal primary and title: by id (runs are short, a handful of rows with the same title).
  for (let from = 0; from < n; ) {
    const group = Math.floor(keys[from]! / SLOT);
    let to = from + 1;
    while (to < n && Math.floor(keys[to]! / SLOT) === group) to++;
    if (to - from > 1) {
      const run = out.slice(from, to).sort((a, b) => byCodeUnits(a.id, b.id));
      for (let k = 0; k < run.length; k++) out[from + k] = run[k]!;
    }
    from = to;
  }
  return out;
}

/** More rows or titles than one number can pack: the same order by integer compares (exported for its test). */
export function sortByCompare<T extends ListedDocument>(docs: readonly T[], key: SortKey, direction: SortDirection): T[] {
  ensureRanks(docs.map((d) => d.title));
  const sign = direction === 'ascending' ? 1 : -1;
  const value = primary(docs, key);
  const title = Int32Array.from(docs, (d) => titleRank(d.title));
  const order = Array.from({ length: docs.length }, (_, i) => i);
  order.sort((i, j) => {
    if (value && value[i] !== value[j]) {
      if (value[i]! < 0 || value[j]! < 0) return value[i]! < 0 ? 1 : -1;
      return sign * (value[i]! - value[j]!);
    }
    if (title[i] !== title[j]) return (value ? 1 : sign) * (title[i]! - title[j]!);
    return byCodeUnits(docs[i]!.id, docs[j]!.id);
  });
  return order.map((i) => docs[i]!);
}
