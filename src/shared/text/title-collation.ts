/**
 * The library table's title order (issue #19), shared by the core and the renderer: the core
 * ranks every title when it writes library.bin, so that the table's first sort of a session
 * needs no collator work for them; the renderer ranks titles that arrive later the same way
 * (renderer/features/library/title-order.ts).
 *
 * Sorting many titles is sped up for plain ASCII titles: for them the collator's order (CLDR
 * root, which English and Chinese keep for Latin letters) is the order of a key string — each
 * character by its collation group, a run of digits by its value (numeric collation) — so they
 * are sorted by native string compares and merged with the others (sorted by the collator).
 * The keys are checked against the collator on the titles themselves before they are trusted;
 * any disagreement, and the collator alone sorts.
 */

/** The one collator of the library table: numeric ("Report 9" before "Report 10"), case- and accent-insensitive. */
export const titleCollator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** The locale the collator resolved to: ranks made under another locale are not used. */
export const titleLocale = (): string => titleCollator.resolvedOptions().locale;

/**
 * Each title's rank in the collator's order (equal under the collator: equal rank), for the
 * titles given, in their order.
 */
export function rankTitles(titles: readonly string[]): Uint32Array {
  const sorted = sortTitles([...new Set(titles)]);
  const rankOf = new Map<string, number>();
  let rank = -1;
  sorted.forEach((t, i) => {
    if (i === 0 || titleCollator.compare(sorted[i - 1]!, t) !== 0) rank++;
    rankOf.set(t, rank);
  });
  return Uint32Array.from(titles, (t) => rankOf.get(t)!);
}

/**
 * rankTitles(titles), given `known`: each title's rank among the titles ranked last time (by
 * rankTitles or this, under this collator), -1 for a title new or changed since. Only the new
 * titles are sorted, and each is placed among the ranked ones (a galloping search from where
 * the one before it went, compareTitles); then every rank is renumbered, closing the gaps of
 * titles gone. Issue #19: the library's compaction ranked all 80,000 titles each time (~0.4 s,
 * the main thread's, every ~4,000 documents of an import) to place a few thousand.
 *
 * `check`: the known ranks were made by another process (read from library.bin: another ICU
 * could order some titles otherwise), so they are checked against the collator first — the
 * titles of a rank equal to its first, the ranks' first titles ascending — at the cost of a
 * compare per title. Null when they do not line up: the caller ranks every title instead.
 */
export function rerankTitles(titles: readonly string[], known: ArrayLike<number>, check = false): Uint32Array | null {
  const n = titles.length;
  let top = -1;
  for (let i = 0; i < n; i++) top = Math.max(top, known[i]!);
  // Each known rank's first title stands for it in compares.
  const firstOf = new Int32Array(top + 1).fill(-1);
  const fresh = new Set<string>();
  for (let i = 0; i < n; i++) {
    const r = known[i]!;
    if (r < 0) fresh.add(titles[i]!);
    else if (firstOf[r] === -1) firstOf[r] = i;
    else if (check && titles[i] !== titles[firstOf[r]!] && compareTitles(titles[i]!, titles[firstOf[r]!]!) !== 0) return null;
  }
  const order: number[] = [];
  for (let r = 0; r <= top; r++) if (firstOf[r]! >= 0) order.push(r);
  const title = (k: number): string => titles[firstOf[order[k]!]!]!;
  if (check) for (let k = 1; k < order.length; k++) if (compareTitles(title(k - 1), title(k)) >= 0) return null;
  // Where each new title goes: into a known rank it equals, or into a new one before order[place].
  const sorted = sortTitles([...fresh]);
  const joins = new Map<string, number>(); // title → a known rank
  const places: number[] = []; // per new rank, ascending
  const newRankOf = new Map<string, number>(); // title → index into places
  let from = 0;
  let previous: string | null = null;
  for (const t of sorted) {
    const at = lowerBound(order.length, (k) => compareTitles(title(k), t), from);
    from = at;
    if (at < order.length && compareTitles(title(at), t) === 0) joins.set(t, order[at]!);
    else if (previous !== null && newRankOf.has(previous) && compareTitles(previous, t) === 0) newRankOf.set(t, newRankOf.get(previous)!);
    else newRankOf.set(t, places.push(at) - 1);
    previous = t;
  }
  // Renumbered: the known ranks and the new ones in one ascending walk.
  const rankOfKnown = new Uint32Array(top + 1);
  const rankOfNew = new Uint32Array(places.length);
  let rank = 0;
  let k = 0;
  for (let p = 0; p <= order.length; p++) {
    while (k < places.length && places[k] === p) rankOfNew[k++] = rank++;
    if (p < order.length) rankOfKnown[order[p]!] = rank++;
  }
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const r = known[i]!;
    if (r >= 0) out[i] = rankOfKnown[r]!;
    else {
      const joined = joins.get(titles[i]!);
      out[i] = joined !== undefined ? rankOfKnown[joined]! : rankOfNew[newRankOf.get(titles[i]!)!]!;
    }
  }
  return out;
}

/**
 * The first k in [from, n) with `compare(k)` ≥ 0 (compare(k) ascending in k, and < 0 for every k
 * before `from`): steps of 1, 2, 4, … from `from` until one is passed, then a binary search
 * within the last step (~2·log2 of the distance moved).
 */
export function lowerBound(n: number, compare: (k: number) => number, from: number): number {
  if (from >= n || compare(from) >= 0) return from;
  let lo = from; // before
  let step = 1;
  let hi = from + 1;
  while (hi < n && compare(hi) < 0) {
    lo = hi;
    step *= 2;
    hi = lo + step;
  }
  if (hi > n) hi = n;
  // lo is before, and hi is n or not before: the answer is in (lo, hi].
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (compare(mid) < 0) lo = mid;
    else hi = mid;
  }
  return hi;
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
  if (keyed.length && !keysAgree(keyed)) {
    keysFailed = true;
    return titles.slice().sort(titleCollator.compare);
  }
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

/** Whether `s` is printable ASCII only: the titles comparePrintable orders. */
export function isPrintable(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 || c > 126) return false;
  }
  return true;
}

/**
 * The collator's order (its sign) of two printable-ASCII titles: by the ASCII table up to their
 * first difference, as their keys order them (sortTitles) without making the keys; by the
 * collator when a number decides (numbers compare by value), when they are equal up to case,
 * or when the table is not in use. Issue #19: placing a few thousand new titles among 100,000
 * ranked ones is ~50,000 compares, and a collator compare costs several times this one.
 */
export function comparePrintable(a: string, b: string): number {
  const t = keysFailed ? null : asciiTable();
  if (!t) return titleCollator.compare(a, b);
  const n = Math.min(a.length, b.length);
  for (let k = 0; k < n; k++) {
    const x = t[a.charCodeAt(k)]!;
    const y = t[b.charCodeAt(k)]!;
    if (x !== y) return x < y ? -1 : 1;
    if (x === DIGITS) return titleCollator.compare(a, b);
  }
  if (a.length !== b.length) return a.length < b.length ? -1 : 1; // one key begins the other
  return titleCollator.compare(a, b);
}

/** The collator's order of two titles (its sign), by comparePrintable when both are printable ASCII. */
export const compareTitles = (a: string, b: string): number => (isPrintable(a) && isPrintable(b) ? comparePrintable(a, b) : titleCollator.compare(a, b));

/** Set once the keys disagreed with the collator on some titles: from then on, compareTitles uses only the collator. */
let keysFailed = false;

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

/** The key's characters are gathered here and made one string at the end (see asciiKey). */
let scratch = new Uint16Array(256);
/** Makes chunks of at most this many characters per String.fromCharCode call (its arguments are on the stack). */
const CHUNK = 4096;

/**
 * The key of a printable-ASCII title, or null for any other (or a number too long to key).
 * Built in a scratch array and made a string once: appending a character at a time made a
 * string per character (issue #19: at 100,000 titles, several seconds, mostly garbage collection, of every library.bin write).
 */
function asciiKey(title: string, t: Uint16Array): string | null {
  // A number adds two characters to its digits; every other character is one.
  if (scratch.length < title.length * 2 + 2) scratch = new Uint16Array(title.length * 2 + 2);
  let n = 0;
  for (let i = 0; i < title.length; i++) {
    const c = title.charCodeAt(i);
    if (c < 32 || c > 126) return null;
    if (c >= 48 && c <= 57) {
      let j = i;
      while (j < title.length && title.charCodeAt(j) >= 48 && title.charCodeAt(j) <= 57) j++;
      let from = i;
      while (from < j - 1 && title.charCodeAt(from) === 48) from++; // numeric collation: leading zeros do not count
      if (j - from > 30) return null;
      scratch[n++] = DIGITS;
      scratch[n++] = DIGITS + (j - from);
      for (let k = from; k < j; k++) scratch[n++] = title.charCodeAt(k);
      i = j - 1;
    } else scratch[n++] = t[c]!;
  }
  if (n <= CHUNK) return String.fromCharCode.apply(null, scratch.subarray(0, n) as unknown as number[]);
  let key = '';
  for (let at = 0; at < n; at += CHUNK) key += String.fromCharCode.apply(null, scratch.subarray(at, Math.min(n, at + CHUNK)) as unknown as number[]);
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
