/**
 * The search index's table of documents in binary (search.bin format 4; issue #19): columns
 * of u32 references into one string table, instead of one JSON tuple per document in the
 * header. At 100,000 documents the JSON tuples were ~12 MB parsed at every start; the
 * columns decode in one pass, without a JSON parser.
 *
 * Layout (inside search.bin): u32 words — COLUMNS (count each), then for each list (tags,
 * collections, entities) starts[count + 1] and refs[] — and a UTF-8 string table, the strings
 * joined by U+0000 (a string holding U+0000 itself goes into `nul`, by index).
 */
import type { DocEntry } from './posting-format';
import { concatWords, NONE, readStringTable, stringTable } from '../store/binary-table';
import type { IndexedDocMeta } from './types';

export const COLUMNS = ['id', 'title', 'length', 'type', 'language', 'date', 'extra', 'flags'] as const;
export const LISTS = ['tags', 'collections', 'entities'] as const;
/** flags: which optional parts a document has (an empty list and none differ) */
export const HAS = { tags: 1, collections: 2, entities: 4, annotated: 8, notAnnotated: 16 } as const;

export interface EncodedDocTable {
  words: Uint32Array;
  strings: Buffer;
  stringCount: number;
  nul?: Record<string, string>;
}

type Doc = Pick<DocEntry, 'id' | 'title' | 'length' | 'meta' | 'extra'>;

export function encodeDocTable(docs: readonly Doc[]): EncodedDocTable {
  const table = stringTable();
  const words = encodeColumns(docs, table.ref);
  const { bytes, count: stringCount, nul } = table.finish();
  return { words, strings: bytes, stringCount, ...(nul ? { nul } : {}) };
}

/** The columns and lists as u32 words, strings as `ref` numbers them (search.bin formats 4 and 6). */
export function encodeColumns(docs: readonly Doc[], ref: (s: string | undefined) => number): Uint32Array {
  const count = docs.length;
  const cols = COLUMNS.map(() => new Uint32Array(count));
  const [id, title, length, type, language, date, extra, flags] = cols as [Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array];
  const lists = LISTS.map(() => ({ starts: new Uint32Array(count + 1), refs: [] as number[] }));
  docs.forEach((d, i) => {
    id[i] = ref(d.id);
    title[i] = ref(d.title);
    length[i] = d.length;
    const meta = d.meta;
    type[i] = ref(meta.type);
    language[i] = ref(meta.language);
    date[i] = ref(meta.date);
    extra[i] = ref(d.extra);
    let f = 0;
    LISTS.forEach((key, k) => {
      const list = meta[key];
      if (list) {
        f |= HAS[key];
        for (const s of list) lists[k]!.refs.push(ref(s));
      }
      lists[k]!.starts[i + 1] = lists[k]!.refs.length;
    });
    if (meta.hasAnnotations === true) f |= HAS.annotated;
    if (meta.hasAnnotations === false) f |= HAS.notAnnotated;
    flags[i] = f;
  });
  return concatWords([...cols, ...lists.flatMap((l) => [l.starts, Uint32Array.from(l.refs)])]);
}

/** How many u32 words the table of `count` documents takes, given its lists' lengths. */
export const docTableWords = (count: number, listLengths: readonly number[]): number => COLUMNS.length * count + LISTS.length * (count + 1) + listLengths.reduce((n, l) => n + l, 0);

/** The documents back from the words and strings; null when they do not check out. */
export function decodeDocTable(words: Uint32Array, count: number, stringsText: string, stringCount: number, nul: Record<string, string> | undefined): Doc[] | null {
  const strings = readStringTable(stringsText, stringCount, nul);
  if (!strings) return null;
  let at = 0;
  const next = (n: number) => words.subarray(at, (at += n));
  const [id, title, length, type, language, date, extra, flags] = COLUMNS.map(() => next(count)) as Uint32Array[] as [Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array];
  const lists = LISTS.map(() => {
    const starts = next(count + 1);
    return { starts, refs: next(starts[count]!) };
  });
  if (at > words.length) return null;
  let bad = false;
  const str = (i: number): string => {
    const s = strings[i];
    if (s === undefined) bad = true;
    return s ?? '';
  };
  const opt = (i: number): string | undefined => (i === NONE ? undefined : str(i));
  const docs: Doc[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const f = flags[i]!;
    const meta: IndexedDocMeta = { type: str(type[i]!) };
    const lang = opt(language[i]!);
    if (lang !== undefined) meta.language = lang;
    const d = opt(date[i]!);
    if (d !== undefined) meta.date = d;
    LISTS.forEach((key, k) => {
      if (f & HAS[key]) meta[key] = Array.from(lists[k]!.refs.subarray(lists[k]!.starts[i], lists[k]!.starts[i + 1]), str);
    });
    if (f & HAS.annotated) meta.hasAnnotations = true;
    if (f & HAS.notAnnotated) meta.hasAnnotations = false;
    const e = opt(extra[i]!);
    docs[i] = { id: str(id[i]!), title: str(title[i]!), length: length[i]!, meta, ...(e !== undefined ? { extra: e } : {}) };
  }
  return bad ? null : docs;
}

/** The lengths of the lists (tags, collections, entities) the words hold, for the header. */
export function listLengths(docs: readonly Doc[]): number[] {
  return LISTS.map((key) => docs.reduce((n, d) => n + (d.meta[key]?.length ?? 0), 0));
}
