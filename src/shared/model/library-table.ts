import type { DocType, DocumentMeta } from './document';

/**
 * What the library view shows of a document: its table's columns and what the sidebar, the
 * filters and the search results read. The rest of its metadata (author, encoding, checksums,
 * text length, versions) is fetched when the details dialog opens (document.meta).
 */
export type LibraryRow = Pick<DocumentMeta, 'id' | 'title' | 'type' | 'size' | 'sourceName' | 'importedAt' | 'date' | 'language' | 'tags' | 'collections' | 'notices'> & {
  hasAnnotations: boolean;
};

/** A document as the library's own code reads it: a row, or its whole metadata (CLI, bench, tests). */
export type ListedDocument = Omit<LibraryRow, 'hasAnnotations'> & { hasAnnotations?: boolean };

/** Values that repeat (types, languages, dates, tags, collections) as a dictionary and one code per row (-1: none). */
export interface CodedColumn {
  values: string[];
  codes: number[];
}

/** A list per row: row i's entries are `refs[starts[i]]` to `refs[starts[i + 1] - 1]`, each an index into `values`. */
export interface ListColumn {
  values: string[];
  starts: number[];
  refs: number[];
  /** rows whose list is present but empty are told apart from rows without one */
  present: number[];
}

/**
 * The library as the library view loads it at start (issue #19): one array per column
 * instead of an object per document. At 100,000 documents library.list answered ~39 MB of
 * JSON (every document's metadata, its keys repeated 100,000 times), built, sent and parsed
 * at every start; this answers what the table needs, coded, in about a third of that.
 * Rows are in library order; `decodeLibraryTable` makes the rows the renderer holds.
 */
export interface LibraryTable {
  ids: string[];
  titles: string[];
  sourceNames: string[];
  importedAt: string[];
  sizes: number[];
  types: CodedColumn;
  languages: CodedColumn;
  dates: CodedColumn;
  tags: ListColumn;
  collections: ListColumn;
  /** rows with annotations */
  annotated: number[];
  /** rows with notices, and theirs */
  notices: { rows: number[]; notices: string[][] };
  /**
   * Each title's rank in the table's collator order as the core made it (-1: not ranked; the
   * renderer ranks those), under `locale`; null when the core has none. The renderer uses
   * them only under the same locale.
   */
  titleRanks: { ranks: number[]; locale: string } | null;
}

function coded(values: readonly (string | undefined)[]): CodedColumn {
  const index = new Map<string, number>();
  const dictionary: string[] = [];
  const codes = values.map((v) => {
    if (v === undefined) return -1;
    let code = index.get(v);
    if (code === undefined) {
      code = dictionary.push(v) - 1;
      index.set(v, code);
    }
    return code;
  });
  return { values: dictionary, codes };
}

function listed(lists: readonly (readonly string[] | undefined)[]): ListColumn {
  const index = new Map<string, number>();
  const values: string[] = [];
  const starts = [0];
  const refs: number[] = [];
  const present: number[] = [];
  lists.forEach((list, row) => {
    if (list) present.push(row);
    for (const v of list ?? []) {
      let code = index.get(v);
      if (code === undefined) {
        code = values.push(v) - 1;
        index.set(v, code);
      }
      refs.push(code);
    }
    starts.push(refs.length);
  });
  return { values, starts, refs, present };
}

/**
 * What the table reads of each row, by place: the documents' metadata (encodeLibraryTable),
 * or library.bin's columns read as views (main/core/store/library-rows.ts), so that the
 * table at start is answered without making an object per document (issue #19).
 */
export interface TableRows {
  count: number;
  id(row: number): string;
  title(row: number): string;
  sourceName(row: number): string;
  importedAt(row: number): string;
  size(row: number): number;
  type(row: number): DocType;
  language(row: number): string | undefined;
  date(row: number): string | undefined;
  tags(row: number): readonly string[] | undefined;
  collections(row: number): readonly string[] | undefined;
  notices(row: number): readonly string[] | undefined;
}

/** The rows of `docs`, in their order. */
export function documentRows(docs: readonly DocumentMeta[]): TableRows {
  return {
    count: docs.length,
    id: (i) => docs[i]!.id,
    title: (i) => docs[i]!.title,
    sourceName: (i) => docs[i]!.sourceName,
    importedAt: (i) => docs[i]!.importedAt,
    size: (i) => docs[i]!.size,
    type: (i) => docs[i]!.type,
    language: (i) => docs[i]!.language,
    date: (i) => docs[i]!.date,
    tags: (i) => docs[i]!.tags,
    collections: (i) => docs[i]!.collections,
    notices: (i) => docs[i]!.notices,
  };
}

/** The table of `docs` (in their order); `annotated`: the ids with annotations; `titleRanks` as LibraryStore.titleRanks answers. */
export function encodeLibraryTable(docs: readonly DocumentMeta[], annotated: ReadonlySet<string>, titleRanks: { ranks: ArrayLike<number>; locale: string } | null): LibraryTable {
  return encodeTableRows(documentRows(docs), annotated, titleRanks);
}

/** The table of `rows` (in their order), as encodeLibraryTable. */
export function encodeTableRows(rows: TableRows, annotated: ReadonlySet<string>, titleRanks: { ranks: ArrayLike<number>; locale: string } | null): LibraryTable {
  const n = rows.count;
  const noticeRows: number[] = [];
  const notices: string[][] = [];
  const annotatedRows: number[] = [];
  const ids: string[] = new Array(n);
  const column = <T>(get: (row: number) => T): T[] => {
    const out: T[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = get(i);
    return out;
  };
  for (let i = 0; i < n; i++) {
    const id = rows.id(i);
    ids[i] = id;
    const told = rows.notices(i);
    if (told?.length) {
      noticeRows.push(i);
      notices.push([...told]);
    }
    if (annotated.has(id)) annotatedRows.push(i);
  }
  return {
    ids,
    titles: column(rows.title),
    sourceNames: column(rows.sourceName),
    importedAt: column(rows.importedAt),
    sizes: column(rows.size),
    types: coded(column(rows.type)),
    languages: coded(column(rows.language)),
    dates: coded(column(rows.date)),
    tags: listed(column(rows.tags)),
    collections: listed(column(rows.collections)),
    annotated: annotatedRows,
    notices: { rows: noticeRows, notices },
    titleRanks: titleRanks ? { ranks: Array.from(titleRanks.ranks), locale: titleRanks.locale } : null,
  };
}

/** The rows of a table, in its order. Rows share their tag and collection lists' strings. */
export function decodeLibraryTable(table: LibraryTable): LibraryRow[] {
  const n = table.ids.length;
  const rows: LibraryRow[] = new Array(n);
  const { types, languages, dates, tags, collections } = table;
  const annotated = new Uint8Array(n);
  for (const row of table.annotated) annotated[row] = 1;
  const tagged = new Uint8Array(n);
  for (const row of tags.present) tagged[row] = 1;
  const collected = new Uint8Array(n);
  for (const row of collections.present) collected[row] = 1;
  for (let i = 0; i < n; i++) {
    const row: LibraryRow = {
      id: table.ids[i]!,
      title: table.titles[i]!,
      type: types.values[types.codes[i]!] as DocType,
      size: table.sizes[i]!,
      sourceName: table.sourceNames[i]!,
      importedAt: table.importedAt[i]!,
      hasAnnotations: annotated[i] === 1,
    };
    const date = dates.codes[i]!;
    if (date >= 0) row.date = dates.values[date]!;
    const language = languages.codes[i]!;
    if (language >= 0) row.language = languages.values[language]!;
    if (tagged[i]) row.tags = listAt(tags, i);
    if (collected[i]) row.collections = listAt(collections, i);
    rows[i] = row;
  }
  table.notices.rows.forEach((row, k) => {
    if (rows[row]) rows[row].notices = table.notices.notices[k]!;
  });
  return rows;
}

function listAt(column: ListColumn, row: number): string[] {
  const out: string[] = [];
  for (let k = column.starts[row]!; k < column.starts[row + 1]!; k++) out.push(column.values[column.refs[k]!]!);
  return out;
}
