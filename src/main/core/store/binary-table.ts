/**
 * The parts shared by the binary tables of library.bin (library-compact.ts) and search.bin
 * (search/doc-table.ts): u32 references into one UTF-8 string table, the strings joined by
 * U+0000; a string holding U+0000 itself is kept apart in `nul`, by index.
 */

/** The reference of an absent string. */
export const NONE = 0xffffffff;

export interface StringTable {
  /** the index of `s` in the table (added when new), or NONE for undefined; `unique`: known to be in no other place (added without a look-up) */
  ref(s: string | undefined, unique?: boolean): number;
  /** the table's bytes, how many strings it holds, and those holding U+0000 (absent when none) */
  finish(): { bytes: Buffer; count: number; nul?: Record<string, string> };
}

export function stringTable(): StringTable {
  const strings: string[] = [];
  const interned = new Map<string, number>();
  return {
    ref(s, unique = false) {
      if (s === undefined) return NONE;
      if (unique) return strings.push(s) - 1;
      let at = interned.get(s);
      if (at === undefined) {
        at = strings.push(s) - 1;
        // Unique per document (ids, hashes, titles) need no interning: only short repeated values are looked up again.
        if (s.length <= 40) interned.set(s, at);
      }
      return at;
    },
    finish() {
      const nul: Record<string, string> = {};
      strings.forEach((s, i) => {
        if (s.includes('\u0000')) {
          nul[i] = s;
          strings[i] = '';
        }
      });
      return { bytes: Buffer.from(strings.join('\u0000'), 'utf8'), count: strings.length, ...(Object.keys(nul).length ? { nul } : {}) };
    },
  };
}

/** The strings of a table back from its text; null when their number is not `count`. */
export function readStringTable(text: string, count: number, nul: Record<string, string> | undefined): string[] | null {
  const strings = text.split('\u0000');
  if (strings.length !== count && !(count === 0 && strings.length === 1)) return null;
  for (const [i, s] of Object.entries(nul ?? {})) strings[Number(i)] = s;
  return strings;
}

/** The parts one after the other in one array. */
export function concatWords(parts: readonly Uint32Array[]): Uint32Array {
  const words = new Uint32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    words.set(p, at);
    at += p.length;
  }
  return words;
}
