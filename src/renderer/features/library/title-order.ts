/**
 * The collator order of titles as integers, so that the library table sorts 100,000 rows by
 * integer compares (issue #19: sorting them with Intl.Collator.compare took ~0.5 s).
 *
 * Every title seen is given a rank: equal under the collator, equal rank; rank order is the
 * collator's order. Ranks are kept for the session and extended as titles arrive: a few new
 * titles are inserted by binary search (a handful of collator compares each), many at once
 * are sorted in one go (shared/text/title-collation.ts). Sorting by rank then gives exactly the
 * collator's order. The core's ranks (library.bin's, made under the same locale) seed them at
 * start: the first sort of a session then compares no title it ranked.
 */
import { sortTitles, titleCollator, titleLocale } from '../../../shared/text/title-collation';

export { asciiKeysInUse, sortTitles, titleCollator } from '../../../shared/text/title-collation';

const ranks = new Map<string, number>();
/** titles in collator order, one per rank group (the first seen stands for the group) */
let ordered: string[] = [];

/** Counts changes of the ranks: ranks looked up under another count are stale. */
let version = 0;
export const rankVersion = (): number => version;

/** How many ranks there are (distinct titles seen this session, up to collator equality). */
export const rankCount = (): number => ordered.length;

/** The rank of `title` (ensureRanks must have seen it). */
export const titleRank = (title: string): number => ranks.get(title)!;

/** Makes sure every title of `titles` has a rank. */
export function ensureRanks(titles: Iterable<string>): void {
  const fresh = new Set<string>();
  for (const t of titles) if (!ranks.has(t)) fresh.add(t);
  if (fresh.size === 0) return;
  // A few are inserted (a splice each); more are sorted and merged in one pass.
  if (fresh.size <= 64 && fresh.size * 16 < ordered.length) {
    for (const t of fresh) insert(t);
  } else {
    ordered = mergeUnique(ordered, sortTitles([...fresh]));
  }
  renumber();
  version++;
}

function insert(title: string): void {
  let lo = 0;
  let hi = ordered.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = titleCollator.compare(ordered[mid]!, title);
    if (c === 0) {
      ranks.set(title, -1); // joins that group: renumbered below
      return;
    }
    if (c < 0) lo = mid + 1;
    else hi = mid;
  }
  ordered.splice(lo, 0, title);
  ranks.set(title, -1);
}

/** Gives every known title its group's rank: a group's first by its place, the others by a binary search. */
function renumber(): void {
  const groupOf = new Map<string, number>();
  ordered.forEach((t, i) => groupOf.set(t, i));
  for (const t of ranks.keys()) ranks.set(t, groupOf.get(t) ?? groupIndex(t));
}

function groupIndex(title: string): number {
  let lo = 0;
  let hi = ordered.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const c = titleCollator.compare(ordered[mid]!, title);
    if (c === 0) return mid;
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return lo; // not reached for a title in a group
}

/** Two lists in collator order, merged, one title per group. */
function mergeUnique(a: readonly string[], b: readonly string[]): string[] {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  const push = (t: string) => {
    const last = out[out.length - 1];
    if (last === undefined || titleCollator.compare(last, t) !== 0) out.push(t);
  };
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && titleCollator.compare(a[i]!, b[j]!) <= 0)) push(a[i++]!);
    else push(b[j++]!);
  }
  for (const t of b) if (!ranks.has(t)) ranks.set(t, -1);
  return out;
}

/**
 * Takes the core's ranks of `titles` (made under `locale`; -1: not ranked): used only under the
 * same locale, and only before this session has ranked titles of its own (then they would have
 * to be merged, which costs what ranking them costs). Answers whether they were taken.
 */
export function seedRanks(titles: readonly string[], coreRanks: ArrayLike<number>, locale: string): boolean {
  if (locale !== titleLocale() || ordered.length > 0) return false;
  const groups: string[] = [];
  for (let i = 0; i < titles.length; i++) {
    const r = coreRanks[i]!;
    if (r >= 0 && groups[r] === undefined) groups[r] = titles[i]!;
  }
  // Ranks of titles changed since library.bin was written are gone: the rest close up.
  const dense = new Int32Array(groups.length);
  ordered = [];
  for (let r = 0; r < groups.length; r++) {
    if (groups[r] !== undefined) dense[r] = ordered.push(groups[r]!) - 1;
  }
  for (let i = 0; i < titles.length; i++) {
    const r = coreRanks[i]!;
    if (r >= 0) ranks.set(titles[i]!, dense[r]!);
  }
  version++;
  return true;
}

/** Forgets every rank (for tests: a new session). */
export function resetRanks(): void {
  ranks.clear();
  ordered = [];
  version++;
}
