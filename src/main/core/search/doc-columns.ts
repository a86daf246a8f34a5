/**
 * The index's table of documents as search.bin format 6 holds it, kept as columns on the
 * file's buffer (issue #19): format 4's table was decoded at every start into 100,000
 * objects, their metadata, lists, strings and marks (~0.3 s and a GC of them, at 100,000
 * documents), though a query reads a few fields of the documents it ranks. A loaded
 * document is now a `StoredDoc`: two numbers, its fields read from the columns when asked.
 *
 * Layout: the words of doc-table.ts (columns, then the lists) whose references number the
 * strings below, u32 stringEnds[stringCount] (string i is bytes[ends[i - 1], ends[i]): no
 * separator to split on, no string decoded before it is read), u32 serials[docCount],
 * u32 markStarts[docCount + 1], u32 marks[]; the strings' UTF-8 bytes go with the other
 * bytes of the file.
 */
import { NONE } from '../store/binary-table';
import { COLUMNS, docTableWords, encodeColumns, HAS, LISTS } from './doc-table';
import type { DocEntry } from './posting-format';
import type { IndexedDocMeta } from './types';

export interface EncodedDocColumns {
  /** columns and lists, string ends, serials, mark starts, marks */
  words: Uint32Array;
  strings: Buffer;
  stringCount: number;
  listLengths: number[];
  markCount: number;
}

/** A string table that keeps each string's end (a NUL inside a string is no concern). */
function stringList() {
  const parts: string[] = [];
  const ends: number[] = [];
  const interned = new Map<string, number>();
  let bytes = 0;
  const ref = (s: string | undefined): number => {
    if (s === undefined) return NONE;
    const known = interned.get(s);
    if (known !== undefined) return known;
    parts.push(s);
    bytes += Buffer.byteLength(s, 'utf8');
    const at = ends.push(bytes) - 1;
    // Unique per document (ids, titles) need no interning: only short repeated values are looked up again.
    if (s.length <= 40) interned.set(s, at);
    return at;
  };
  // One buffer written string by string: a Buffer per string (2 x 100,000 at 100,000 documents) cost the save time and garbage (issue #19).
  const finish = () => {
    const out = Buffer.allocUnsafe(bytes);
    let at = 0;
    for (const s of parts) at += out.write(s, at, 'utf8');
    return { bytes: out, ends: Uint32Array.from(ends) };
  };
  return { ref, finish };
}

export function encodeDocColumns(docs: readonly DocEntry[]): EncodedDocColumns {
  const table = stringList();
  const columns = encodeColumns(docs, table.ref);
  const { bytes, ends } = table.finish();
  const markStarts = new Uint32Array(docs.length + 1);
  docs.forEach((d, num) => (markStarts[num + 1] = markStarts[num]! + (d.marks?.length ?? 0)));
  const markCount = markStarts[docs.length]!;
  const words = new Uint32Array(columns.length + ends.length + docs.length + markStarts.length + markCount);
  let at = 0;
  for (const part of [columns, ends, Uint32Array.from(docs, (d) => d.serial), markStarts]) {
    words.set(part, at);
    at += part.length;
  }
  for (const d of docs) {
    if (!d.marks) continue;
    words.set(d.marks, at);
    at += d.marks.length;
  }
  const listLengths = LISTS.map((key) => docs.reduce((n, d) => n + (d.meta[key]?.length ?? 0), 0));
  return { words, strings: bytes, stringCount: ends.length, listLengths, markCount };
}

/** How many u32 words `encodeDocColumns` made, from what the header says. */
export const docColumnWords = (count: number, listLengths: readonly number[], stringCount: number, markCount: number): number =>
  docTableWords(count, listLengths) + stringCount + count + count + 1 + markCount;

type Col = Uint32Array;

/** The columns of a loaded table, views on search.bin's buffer. */
export class DocColumns {
  private readonly c: Record<(typeof COLUMNS)[number], Col>;

  private constructor(
    readonly count: number,
    cols: readonly Col[],
    private readonly lists: readonly { starts: Col; refs: Col }[],
    private readonly ends: Col,
    private readonly strings: Buffer,
    readonly serials: Col,
    private readonly markStarts: Col,
    private readonly marks: Col,
  ) {
    this.c = Object.fromEntries(COLUMNS.map((name, k) => [name, cols[k]!])) as Record<(typeof COLUMNS)[number], Col>;
  }

  /** The columns from `words` and `strings`; null when they do not check out (a reference or an end out of range). */
  static open(words: Uint32Array, strings: Buffer, count: number, listLengths: readonly number[], stringCount: number, markCount: number): DocColumns | null {
    if (words.length !== docColumnWords(count, listLengths, stringCount, markCount)) return null;
    let at = 0;
    const next = (n: number) => words.subarray(at, (at += n));
    const cols = COLUMNS.map(() => next(count));
    const lists = LISTS.map(() => {
      const starts = next(count + 1);
      return { starts, refs: next(starts[count]!) };
    });
    if (at !== docTableWords(count, listLengths)) return null;
    const ends = next(stringCount);
    const serials = next(count);
    const markStarts = next(count + 1);
    const marks = next(markCount);
    if (markStarts[count] !== markCount) return null;
    let last = 0;
    for (let i = 0; i < stringCount; i++) {
      if (ends[i]! < last) return null;
      last = ends[i]!;
    }
    if (last !== strings.length) return null;
    // Every reference names a string (or none, where a field is optional): checked once, so a read never goes astray.
    const stringCols = COLUMNS.flatMap((name, k) => (name === 'length' || name === 'flags' ? [] : [cols[k]!]));
    for (const col of stringCols) for (let i = 0; i < count; i++) if (col[i]! >= stringCount && col[i] !== NONE) return null;
    for (const { starts, refs } of lists) {
      for (let i = 0; i < count; i++) if (starts[i]! > starts[i + 1]!) return null;
      for (let i = 0; i < refs.length; i++) if (refs[i]! >= stringCount) return null;
    }
    for (let i = 0; i < count; i++) if (markStarts[i]! > markStarts[i + 1]!) return null;
    return new DocColumns(count, cols, lists, ends, strings, serials, markStarts, marks);
  }

  /** The documents as rows on these columns. */
  rows(): StoredDoc[] {
    const out: StoredDoc[] = new Array(this.count);
    for (let i = 0; i < this.count; i++) out[i] = new StoredDoc(this, i);
    return out;
  }

  /** ids and metadata once read (sorting ties and filters ask again), by row */
  private readonly ids = new Map<number, string>();
  private readonly metas = new Map<number, IndexedDocMeta>();

  id(row: number): string {
    let id = this.ids.get(row);
    if (id === undefined) this.ids.set(row, (id = this.string(this.c.id[row]!)));
    return id;
  }

  cachedMeta(row: number): IndexedDocMeta {
    let meta = this.metas.get(row);
    if (meta === undefined) this.metas.set(row, (meta = this.meta(row)));
    return meta;
  }

  string(ref: number): string {
    return this.strings.toString('utf8', ref ? this.ends[ref - 1]! : 0, this.ends[ref]!);
  }

  optional(ref: number): string | undefined {
    return ref === NONE ? undefined : this.string(ref);
  }

  column(name: (typeof COLUMNS)[number]): Col {
    return this.c[name];
  }

  meta(row: number): IndexedDocMeta {
    const [type, language, date, flags] = [this.column('type')[row]!, this.column('language')[row]!, this.column('date')[row]!, this.column('flags')[row]!];
    const meta: IndexedDocMeta = { type: this.string(type) };
    if (language !== NONE) meta.language = this.string(language);
    if (date !== NONE) meta.date = this.string(date);
    LISTS.forEach((key, k) => {
      const { starts, refs } = this.lists[k]!;
      if (flags & HAS[key]) meta[key] = Array.from(refs.subarray(starts[row], starts[row + 1]), (ref) => this.string(ref));
    });
    if (flags & HAS.annotated) meta.hasAnnotations = true;
    if (flags & HAS.notAnnotated) meta.hasAnnotations = false;
    return meta;
  }

  annotated(row: number): boolean {
    return (this.column('flags')[row]! & HAS.annotated) !== 0;
  }

  marksOf(row: number): Uint32Array | undefined {
    const from = this.markStarts[row]!;
    const to = this.markStarts[row + 1]!;
    return to > from ? this.marks.subarray(from, to) : undefined;
  }
}

/**
 * A document of a loaded table: its fields read from the columns when asked (the table keeps
 * ids and metadata once read). A change makes a plain
 * `DocEntry` in its place (postings.ts), so a row never changes.
 */
export class StoredDoc implements DocEntry {
  // Declared, not defined as class fields: 100,000 are made at every load, and a field
  // initializer per object (define semantics) showed in the profile of serve's start.
  declare private readonly table: DocColumns;
  declare private readonly row: number;

  constructor(table: DocColumns, row: number) {
    this.table = table;
    this.row = row;
  }

  get id(): string {
    return this.table.id(this.row);
  }

  get title(): string {
    return this.table.string(this.table.column('title')[this.row]!);
  }

  get length(): number {
    return this.table.column('length')[this.row]!;
  }

  get serial(): number {
    return this.table.serials[this.row]!;
  }

  get extra(): string | undefined {
    return this.table.optional(this.table.column('extra')[this.row]!);
  }

  get meta(): IndexedDocMeta {
    return this.table.cachedMeta(this.row);
  }

  get marks(): Uint32Array | undefined {
    return this.table.marksOf(this.row);
  }

  /** `meta.hasAnnotations === true`, without making the metadata */
  get annotated(): boolean {
    return this.table.annotated(this.row);
  }
}

/** A document's fields as a plain object (tests, and a change to a stored row). */
export function plainDoc(d: DocEntry): DocEntry {
  const marks = d.marks;
  const extra = d.extra;
  return { serial: d.serial, id: d.id, title: d.title, length: d.length, meta: d.meta, ...(extra !== undefined ? { extra } : {}), ...(marks ? { marks } : {}) };
}
