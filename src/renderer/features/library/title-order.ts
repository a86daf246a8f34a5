/**
 * The collator order of titles as integers, so that the library table sorts 100,000 rows by
 * integer compares (issue #19: sorting them with Intl.Collator.compare took ~0.5 s).
 *
 * Titles equal under the collator form a group; the groups are kept in collator order for the
 * session, and a title's rank is its group's place in that order. Sorting by rank then gives
 * exactly the collator's order. The core's ranks (library.bin's, made under the same locale)
 * seed the groups at start: their titles need no collator work at all.
 *
 * Titles that arrive later (the documents listed or retitled since library.bin was written:
 * up to a few thousand at 100,000 documents, as the change log is compacted once it holds an
 * eighth of library.bin) are sorted among themselves (shared/text/title-collation.ts) and each
 * is placed by a galloping search from where the one before it went: ~2·log2(gap) compares
 * each, by the ASCII table when both titles are plain ASCII (comparePrintable), else by the
 * collator. Groups keep their ids when others are inserted, so an insertion renumbers a typed
 * array, not the map of every title. Issue #19: merging 4,457 new titles into 95,532 with a
 * collator compare per title of both lists (and renumbering that map) took ~250 ms of CPU,
 * most of the first sort of a session.
 */
import { comparePrintable, compareTitles, isPrintable, lowerBound, sortTitles, titleCollator, titleLocale } from '../../../shared/text/title-collation';

export { asciiKeysInUse, sortTitles, titleCollator } from '../../../shared/text/title-collation';

/** title → its group's id (ids do not change when groups are inserted), for titles not found by place in the seed */
const groupOf = new Map<string, number>();
/** group id → the first title seen of it, which stands for the group in compares */
let firsts: string[] = [];
/** the group ids in collator order */
let order = new Int32Array(0);
/** group id → its place in `order`: the rank of its titles (-1: an id the core's ranks skipped) */
let place = new Int32Array(0);
/**
 * The table the ranks were seeded from: row i's title has group `seedGroups[i]` (-1: none).
 * A list of rows in the table's order (the library as loaded, or with documents appended or
 * edited since) finds its titles' groups by place, without hashing 100,000 titles into
 * `groupOf` (issue #19: that was the largest part of the first sort). They go into `groupOf`
 * only when a list is not in the table's order (indexSeed).
 */
let seedTitles: readonly string[] = [];
let seedGroups: ArrayLike<number> = [];
let seedIndexed = true;

/** Counts changes of the ranks: ranks looked up under another count are stale. */
let version = 0;
export const rankVersion = (): number => version;

/** How many ranks there are (distinct titles seen this session, up to collator equality). */
export const rankCount = (): number => order.length;

/** Titles not found by place in more rows than this: the list is not in the table's order, and the seed is indexed. */
const OUT_OF_PLACE = 256;

/**
 * Each title's rank, in their order: by place in the seed, or one map look-up, and the titles
 * not seen yet are ranked first (in one insertion).
 */
export function ranksOf(titles: readonly string[]): Int32Array {
  const n = titles.length;
  const groups = new Int32Array(n);
  const seeded = Math.min(n, seedTitles.length);
  let missing = 0;
  let outOfPlace = 0;
  for (let i = 0; i < n; i++) {
    const title = titles[i]!;
    const g = i < seeded && seedGroups[i]! >= 0 && seedTitles[i] === title ? seedGroups[i]! : groupOf.get(title);
    if (g !== undefined) groups[i] = g;
    else {
      groups[i] = -1;
      missing++;
      if (i < seeded && seedGroups[i]! >= 0) outOfPlace++;
    }
  }
  if (missing) {
    if (outOfPlace > OUT_OF_PLACE) indexSeed();
    const fresh = new Set<string>();
    for (let i = 0; i < n; i++) {
      if (groups[i] !== -1) continue;
      const g = groupOf.get(titles[i]!);
      if (g === undefined) fresh.add(titles[i]!);
      else groups[i] = g;
    }
    // A title seen by place only is placed again here: the collator finds its group.
    if (fresh.size) {
      insertSorted(sortTitles([...fresh]));
      version++;
    }
    for (let i = 0; i < n; i++) if (groups[i] === -1) groups[i] = groupOf.get(titles[i]!)!;
  }
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = place[groups[i]!]!;
  return out;
}

/** Puts every seeded title into `groupOf` (once a session, when a list not in the table's order is ranked). */
function indexSeed(): void {
  if (seedIndexed) return;
  seedIndexed = true;
  for (let i = 0; i < seedTitles.length; i++) {
    const g = seedGroups[i]!;
    if (g >= 0 && !groupOf.has(seedTitles[i]!)) groupOf.set(seedTitles[i]!, g);
  }
}

/** Places `sorted` (new titles in collator order) among the groups, in one pass over `order`. */
function insertSorted(sorted: readonly string[]): void {
  const n = order.length;
  // First where each new group goes (places in `order`, ascending), then one copy.
  const places: number[] = [];
  const added: number[] = [];
  let from = 0;
  let previous: string | null = null;
  let previousGroup = -1;
  for (const title of sorted) {
    // Equal titles are neighbours in `sorted`: the one before already found their group.
    if (previous !== null && compareTitles(previous, title) === 0) {
      groupOf.set(title, previousGroup);
      continue;
    }
    const at = placeOf(title, from);
    from = at;
    let group: number;
    if (at < n && compareGroup(order[at]!, title, isPrintable(title)) === 0) group = order[at]!;
    else {
      group = firsts.push(title) - 1;
      places.push(at);
      added.push(group);
    }
    groupOf.set(title, group);
    previous = title;
    previousGroup = group;
  }
  const merged = new Int32Array(n + added.length);
  let out = 0;
  let k = 0;
  for (let p = 0; p <= n; p++) {
    while (k < added.length && places[k] === p) merged[out++] = added[k++]!;
    if (p < n) merged[out++] = order[p]!;
  }
  order = merged;
  renumber();
}

/** group id → 1 if its first title is printable ASCII, 2 if not, 0 not yet known */
let printable = new Uint8Array(0);

/** The order of group `group`'s first title and `title` (its sign); `plain`: whether `title` is printable ASCII. */
function compareGroup(group: number, title: string, plain: boolean): number {
  if (group >= printable.length) {
    const grown = new Uint8Array(Math.max(firsts.length, 2 * printable.length));
    grown.set(printable);
    printable = grown;
  }
  if (printable[group] === 0) printable[group] = isPrintable(firsts[group]!) ? 1 : 2;
  return plain && printable[group] === 1 ? comparePrintable(firsts[group]!, title) : titleCollator.compare(firsts[group]!, title);
}

/** The first place at or after `from` whose group is not before `title` (a galloping search: title-collation.ts lowerBound). */
function placeOf(title: string, from: number): number {
  const plain = isPrintable(title);
  return lowerBound(order.length, (p) => compareGroup(order[p]!, title, plain), from);
}

function renumber(): void {
  place = new Int32Array(firsts.length).fill(-1);
  for (let p = 0; p < order.length; p++) place[order[p]!] = p;
}

/**
 * Takes the core's ranks of `titles` (made under `locale`; -1: not ranked) as the groups: used
 * only under the same locale, and only before this session has ranked titles of its own (then
 * they would have to be merged, which costs what ranking them costs). Answers whether they
 * were taken.
 */
export function seedRanks(titles: readonly string[], coreRanks: ArrayLike<number>, locale: string): boolean {
  if (locale !== titleLocale() || order.length > 0) return false;
  // The core's rank is the group's id. Ranks of titles changed since library.bin was written
  // are gone: those ids are left out of the order, and the ranks close up.
  let top = -1;
  for (let i = 0; i < titles.length; i++) top = Math.max(top, coreRanks[i]!);
  const firstRow = new Int32Array(top + 1).fill(-1);
  for (let i = 0; i < titles.length; i++) {
    const r = coreRanks[i]!;
    if (r < 0) continue;
    if (firstRow[r] === -1) firstRow[r] = i;
  }
  seedTitles = titles;
  seedGroups = coreRanks;
  seedIndexed = false;
  firsts = new Array<string>(top + 1);
  printable = new Uint8Array(0);
  const present = new Int32Array(top + 1);
  let count = 0;
  for (let r = 0; r <= top; r++) {
    const row = firstRow[r]!;
    firsts[r] = row >= 0 ? titles[row]! : '';
    if (row >= 0) present[count++] = r;
  }
  order = present.subarray(0, count);
  renumber();
  version++;
  return true;
}

/** Forgets every rank (for tests: a new session). */
export function resetRanks(): void {
  groupOf.clear();
  printable = new Uint8Array(0);
  seedTitles = [];
  seedGroups = [];
  seedIndexed = true;
  firsts = [];
  order = new Int32Array(0);
  place = new Int32Array(0);
  version++;
}
