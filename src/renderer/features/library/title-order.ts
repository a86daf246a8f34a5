/**
 * The collator order of titles as integers, so that the library table sorts 100,000 rows by
 * integer compares (issue #19: sorting them with Intl.Collator.compare took ~0.5 s).
 *
 * Every title seen is given a rank: equal under the collator, equal rank; rank order is the
 * collator's order. Ranks are kept for the session and extended as titles arrive: a few new
 * titles are inserted by binary search (a handful of collator compares each), many at once
 * are sorted in one go. Sorting by rank then gives exactly the collator's order.
 *
 * Sorting many titles at once is itself sped up for plain ASCII titles: for them the
 * collator's order (CLDR root, which English and Chinese keep for Latin letters) is the
 * order of a key string — each character by its collation group, a run of digits by its
 * value (numeric collation) — so they are sorted by native string compares and merged with
 * the others (sorted by the collator). The keys are checked against the collator on the
 * titles themselves before they are trusted; any disagreement, and the collator alone sorts.
 */

/** The one collator of the library table: numeric ("Report 9" before "Report 10"), case- and accent-insensitive. */
export const titleCollator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

const ranks = new Map<string, number>();
/** titles in collator order, one per rank group (the first seen stands for the group) */
let ordered: string[] = [];

/** How many ranks there are (distinct titles seen this session, up to collator equality). */
export const rankCount = (): number => ordered.length;

/** The rank of `title` (ensureRanks must have seen it). */
export const titleRank = (title: string): number => ranks.get(title)!;

/** Makes sure every title of `titles` has a rank. */
export function ensureRanks(titles: Iterable<string>): void {
  const fresh = new Set<string>();
  for (const t of titles) if (!ranks.has(t)) fresh.add(t);
  if (fresh.size === 0) return;
  if (fresh.size * 16 < ordered.length) {
    for (const t of fresh) insert(t);
  } else {
    ordered = mergeUnique(ordered, sortTitles([...fresh]));
  }
  renumber();
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

/** Titles in collator order: ASCII ones by key (when the keys agree with the collator), the rest by the collator, merged. */
export function sortTitles(titles: string[]): string[] {
  const keyed: { title: string; key: string }[] = [];
  const other: string[] = [];
  const table = asciiTable();
  for (const title of titles) {
    const key = table ? asciiKey(title, table) : null;
    if (key === null) other.push(title);
    else keyed.push({ title, key });
  }
  if (keyed.length && !keysAgree(keyed)) return titles.slice().sort(titleCollator.compare);
  keyed.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  other.sort(titleCollator.compare);
  if (!other.length) return keyed.map((k) => k.title);
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < keyed.length || j < other.length) {
    if (j >= other.length || (i < keyed.length && titleCollator.compare(keyed[i]!.title, other[j]!) <= 0)) out.push(keyed[i++]!.title);
    else out.push(other[j++]!);
  }
  return out;
}

/** For each printable ASCII character its collation group as a character code (digits: one code, letters after), or null if the collator's order is not the expected one. */
let table: Uint16Array | null | undefined;
const DIGITS = 0x200;
function asciiTable(): Uint16Array | null {
  if (table !== undefined) return table;
  const chars = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));
  const sorted = chars.slice().sort(titleCollator.compare);
  const out = new Uint16Array(128);
  let group = 0x100;
  sorted.forEach((c, i) => {
    if (i > 0 && titleCollator.compare(sorted[i - 1]!, c) !== 0) group++;
    out[c.charCodeAt(0)] = group;
  });
  // Expected: punctuation and symbols, then the digits, then a–z (case folded), each letter its own group.
  const digit = out[48]!;
  const ok = [...'0123456789'].every((d) => d === '0' || out[d.charCodeAt(0)]! > out[d.charCodeAt(0) - 1]!) && [...'abcdefghijklmnopqrstuvwxyz'].every((l, i) => out[l.charCodeAt(0)] === out[l.toUpperCase().charCodeAt(0)] && out[l.charCodeAt(0)]! > (i ? out[l.charCodeAt(0) - 1]! : out[57]!)) && chars.every((c) => /[0-9a-zA-Z]/.test(c) || out[c.charCodeAt(0)]! < digit);
  if (!ok) return (table = null);
  for (let c = 48; c <= 57; c++) out[c] = DIGITS;
  for (let c = 65; c <= 122; c++) if (/[a-zA-Z]/.test(String.fromCharCode(c))) out[c] = 0x300 + (c | 0x20) - 97;
  return (table = out);
}

/** The key of a printable-ASCII title, or null for any other (or a number too long to key). */
function asciiKey(title: string, t: Uint16Array): string | null {
  let key = '';
  for (let i = 0; i < title.length; i++) {
    const c = title.charCodeAt(i);
    if (c < 32 || c > 126) return null;
    if (c >= 48 && c <= 57) {
      let j = i;
      while (j < title.length && title.charCodeAt(j) >= 48 && title.charCodeAt(j) <= 57) j++;
      let from = i;
      while (from < j - 1 && title.charCodeAt(from) === 48) from++; // numeric collation: leading zeros do not count
      if (j - from > 30) return null;
      key += String.fromCharCode(DIGITS, DIGITS + (j - from)) + title.slice(from, j);
      i = j - 1;
    } else key += String.fromCharCode(t[c]!);
  }
  return key;
}

/** Checks the keys against the collator on neighbours after sorting a sample: any disagreement and they are not used. */
function keysAgree(keyed: readonly { title: string; key: string }[]): boolean {
  const step = Math.max(1, Math.floor(keyed.length / 256));
  const sample = keyed.filter((_, i) => i % step === 0).slice();
  sample.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  for (let i = 1; i < sample.length; i++) {
    const byKey = Math.sign(sample[i - 1]!.key < sample[i]!.key ? -1 : sample[i - 1]!.key > sample[i]!.key ? 1 : 0);
    if (Math.sign(titleCollator.compare(sample[i - 1]!.title, sample[i]!.title)) !== byKey) return false;
  }
  return true;
}

/** Whether the ASCII keys are in use with this collator (for tests). */
export const asciiKeysInUse = (): boolean => asciiTable() !== null;
