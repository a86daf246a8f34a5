import type { ListedDocument } from '../../../shared/model';
import { compareTitles } from '../../../shared/text/title-collation';
import { rankCount, rankVersion, ranksOf } from './title-order';
import { SLOT, sortKeys, valueRanks } from './value-ranks';

/** Defined here, not in the store: the bench sorts 100,000 rows with this module under Node, without the renderer's store. */
export type SortKey = 'title' | 'date' | 'importedAt' | 'size' | 'type';
export type SortDirection = 'ascending' | 'descending';

/**
 * Dates, times and type names are ASCII (ISO 8601, lower-case ids): compared by code unit.
 * String.prototype.localeCompare builds a collator per call, which made sorting 10,000 rows
 * take ~1.8 s (issue #19).
 */
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

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
 * Each row's primary ranks, kept per list of rows and key: the table sorts the same rows again
 * when a column or direction is clicked (rows are never edited in place; a change makes a new
 * list).
 */
const primaryCache = new WeakMap<readonly ListedDocument[], Map<SortKey, Int32Array | null>>();
function primaryOf(docs: readonly ListedDocument[], key: SortKey): Int32Array | null {
  let byKey = primaryCache.get(docs);
  if (!byKey) primaryCache.set(docs, (byKey = new Map()));
  if (!byKey.has(key)) byKey.set(key, primary(docs, key));
  return byKey.get(key)!;
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
  const ranks = ranksOf(docs.map((d) => d.title));
  titleCache.set(docs, { version: rankVersion(), ranks });
  return ranks;
}

/**
 * Compares a tie sort may make before ranking every title costs less (ranksOf: ~25–65 ms of CPU
 * at 100,000 rows with a few thousand titles the core did not rank, more while its loops compile).
 * The import times of 100,000 documents imported in parallel tie in ~13,000 pairs: ~13,000 compares.
 */
const TIE_COMPARES = 40_000;

/**
 * Whether the rows that tie on `value` are few enough to order by comparing their titles: the
 * compares of sorting each run of equal values (g·log2 g for a run of g) stay under TIE_COMPARES.
 */
function fewTies(value: Int32Array): boolean {
  const n = value.length;
  const runs = new Int32Array(n + 1); // rank + 1: undated rows (-1) tie with one another
  for (let i = 0; i < n; i++) runs[value[i]! + 1]!++;
  let compares = 0;
  for (let r = 0; r <= n; r++) {
    const g = runs[r]!;
    if (g > 1) compares += g * Math.ceil(Math.log2(g));
    if (compares > TIE_COMPARES) return false;
  }
  return true;
}

/**
 * A sorted copy; ties fall back to title (the collator's order for the UI language) so the
 * order is stable across reloads, then id. Undated documents go last either way.
 *
 * Issue #19 (100,000 rows in ≤ 100 ms): no string is compared while sorting. Titles are
 * ranked in the collator's order (title-order.ts, kept for the session), the other keys by
 * their rank among the distinct values; each row becomes one number — primary rank, title
 * rank, row — and the numbers are sorted natively (a Float64Array, no comparator). Rows
 * whose primary and title ranks tie are then put in id order. A key whose values rarely tie
 * (import times, the table's first view) needs no title ranks: its few ties are ordered by
 * comparing their titles, and the session's ranking of every title waits for warmUpSorts.
 */
export function sortDocuments<T extends ListedDocument>(docs: readonly T[], key: SortKey, direction: SortDirection): T[] {
  const n = docs.length;
  if (n >= SLOT) return sortByCompare(docs, key, direction);
  const value = primaryOf(docs, key);
  const cached = titleCache.get(docs);
  const ranked = cached !== undefined && cached.version === rankVersion();
  if (value && !ranked && fewTies(value)) return sortByValue(docs, value, direction);
  const title = titleRanksOf(docs);
  if (rankCount() >= SLOT - 1) return sortByCompare(docs, key, direction);
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
  sortKeys(keys);
  const out: T[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = docs[keys[i]! % SLOT]!;
  // Equal primary and title: by id (runs are short, a handful of rows with the same title).
  sortRuns(out, keys, (a, b) => byCodeUnits(a.id, b.id));
  return out;
}

/** By primary rank alone (`value`), each run of equal values then by title (compareTitles: the ranks' order) and id. */
function sortByValue<T extends ListedDocument>(docs: readonly T[], value: Int32Array, direction: SortDirection): T[] {
  const n = docs.length;
  const top = SLOT - 1;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = value[i]!;
    keys[i] = (v < 0 ? top : direction === 'ascending' ? v : top - 1 - v) * SLOT + i;
  }
  sortKeys(keys);
  const out: T[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = docs[keys[i]! % SLOT]!;
  sortRuns(out, keys, (a, b) => compareTitles(a.title, b.title) || byCodeUnits(a.id, b.id));
  return out;
}

/** Sorts each run of `out` whose packed keys share everything above the row number by `compare`. */
function sortRuns<T>(out: T[], keys: Float64Array, compare: (a: T, b: T) => number): void {
  const n = out.length;
  for (let from = 0; from < n; ) {
    const group = Math.floor(keys[from]! / SLOT);
    let to = from + 1;
    while (to < n && Math.floor(keys[to]! / SLOT) === group) to++;
    if (to - from > 1) {
      const run = out.slice(from, to).sort(compare);
      for (let k = 0; k < run.length; k++) out[from + k] = run[k]!;
    }
    from = to;
  }
}

/**
 * What a first sort by each of `keys` needs of `docs`, made ahead (the title ranks, then each
 * key's values ranked), one step per call of `step`'s callback so that the page stays
 * responsive between steps: the table runs it when the page is idle after showing its rows,
 * so that a header's first click sorts only (issue #19). Answers a function that stops it.
 */
export function warmUpSorts(docs: readonly ListedDocument[], keys: readonly SortKey[], step: (next: () => void) => () => void): () => void {
  const steps = [() => void titleRanksOf(docs), ...keys.map((key) => () => void primaryOf(docs, key))];
  let cancel = () => {};
  const run = (k: number) => {
    if (k >= steps.length) return;
    cancel = step(() => {
      steps[k]!();
      run(k + 1);
    });
  };
  run(0);
  return () => cancel();
}

/** More rows or titles than one number can pack: the same order by integer compares (exported for its test). */
export function sortByCompare<T extends ListedDocument>(docs: readonly T[], key: SortKey, direction: SortDirection): T[] {
  const title = ranksOf(docs.map((d) => d.title));
  const sign = direction === 'ascending' ? 1 : -1;
  const value = primaryOf(docs, key);
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
