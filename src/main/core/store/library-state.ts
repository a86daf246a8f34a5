/**
 * The library as it is in memory, and every read of it: LibraryStore (library-store.ts) adds
 * the durable writes, the change log and compaction on top. Apart because the reads are where
 * the columns of library.bin stand in for the documents (issue #19), a concern of its own.
 */
import { encodeLibraryTable, encodeTableRows, type Collection, type DocType, type DocumentMeta, type LibraryTable, type SavedSearch, type Settings, type TableRows, type TrashedDocument } from '../../../shared/model';
import { rankTitles, rerankTitles, titleLocale } from '../../../shared/text/title-collation';
import { decodeDocuments, NONE, type TitleRanks } from './library-compact';
import { arrayCursor, compactCursor, type DocumentCursor } from './library-cursor';
import { type LogEntry, replayDocuments } from './library-log';
import { titleKey, type Unmade } from './library-open';
import { compactRows } from './library-rows';
import { defaultSettings, type LibraryFile } from './schemas';

/** The first listed document by SHA-256, by lower-cased source name, and by title and type (LibraryState.secondary). */
export interface Lookups {
  bySha: Map<string, DocumentMeta>;
  bySourceName: Map<string, DocumentMeta>;
  byTitle: Map<string, DocumentMeta>;
}

/**
 * At open, library.bin's documents stay columns on its buffer (library-rows.ts answers the
 * library table from them, get() one document, tagLists() the tags) until something asks for
 * every document or changes one (materialize): neither the library view's first answer nor
 * the reader's first document waits for 100,000 objects to be made (issue #19).
 *
 * In memory the library is one LibraryFile whose documents are frozen: a change builds a
 * draft (the small parts copied, the list of documents copied shallowly) in which changed
 * documents are new objects, so what changed is found by identity in one pass.
 *
 * A base class rather than a member of LibraryStore: the store's writes read and replace
 * this state at every step (draft, diff, install), and a member would only forward each read.
 */
export abstract class LibraryState {
  protected data: LibraryFile;
  protected readonly byId = new Map<string, DocumentMeta>();
  /**
   * The first listed document by SHA-256, by lower-cased source name, and by title and type:
   * every import asks for a duplicate and a version candidate, and scanning the list for them
   * cost each import time proportional to the archive (~5 ms a file at 100,000 documents; issue
   * #19). Built on first use (an archive opened to read or search never needs them), dropped
   * when documents change other than by add().
   */
  protected secondary: Lookups | null = null;
  /** the titles' ranks as library.bin was last written or read (its documents, as they were then) */
  protected titles: TitleRanks | null = null;
  /** `titles` were made by this process, or checked against its collator (nextTitleRanks) */
  protected titlesChecked = false;
  /** library.bin's documents not made objects yet, with the log lines to replay over them (materialize) */
  protected unmade: Unmade | null = null;
  /** while `unmade`: the listed documents one at a time and their ids, in the same order (unmadeDocument) */
  private unmadeRows: { cursor: DocumentCursor; rows: TableRows } | null = null;

  protected constructor(data: LibraryFile) {
    this.data = data;
    for (const doc of this.data.documents) this.byId.set(doc.id, freeze(doc));
  }

  documents(): readonly DocumentMeta[] {
    this.materialize();
    return this.data.documents;
  }

  /** Every listed document, one at a time (library.list): from library.bin's columns while they are not objects, without making them all (library-cursor.ts). */
  cursor(): DocumentCursor {
    return this.unmade ? compactCursor(this.unmade.columns, this.unmade.entries) : arrayCursor(this.data.documents);
  }

  get(id: string): DocumentMeta | undefined {
    if (this.unmade) return this.unmadeDocument(id);
    return this.byId.get(id);
  }

  /**
   * One document while library.bin's documents are columns, made as materialize would make it
   * (the log's lines since replayed), without making the others: the reader's first open at
   * 100,000 documents waited for 100,000 objects and their collection (issue #19). Found by a
   * scan of the ids (a few ms at 100,000; a map of them cost more to build than the scans of
   * an open's few calls, and its memory for the session); made at each call.
   */
  private unmadeDocument(id: string): DocumentMeta | undefined {
    const { cursor, rows } = this.unmadeViews();
    // The last place wins, as in materialize's byId (a list holds an id once).
    for (let i = cursor.count - 1; i >= 0; i--) if (rows.id(i) === id) return freeze(cursor.at(i));
    return undefined;
  }

  /**
   * The columns with the log replayed over them, made once while the documents are columns
   * (any change makes them objects first): replaying 100,000 rows at each get() or tags.list
   * cost ~0.1 s a call at 100,000 documents.
   */
  private unmadeViews(): { cursor: DocumentCursor; rows: TableRows } {
    if (!this.unmadeRows) {
      const { columns, entries } = this.unmade!;
      this.unmadeRows = { cursor: compactCursor(columns, entries), rows: compactRows(columns, entries).rows };
    }
    return this.unmadeRows;
  }

  /** Each listed document's id and tags (Catalog.tags), from library.bin's columns while the documents are not objects. */
  tagLists(visit: (id: string, tags: readonly string[]) => void): void {
    if (!this.unmade) {
      for (const doc of this.data.documents) if (doc.tags?.length) visit(doc.id, doc.tags);
      return;
    }
    const { rows } = this.unmadeViews();
    for (let i = 0; i < rows.count; i++) {
      const tags = rows.tags(i);
      if (tags?.length) visit(rows.id(i), tags);
    }
  }

  /**
   * The library table (LibraryTable) of every listed document; `annotated`: the ids with
   * annotations. Before the documents are made objects, straight from library.bin's columns
   * and the log's lines since (library-rows.ts): the library view's answer at start.
   */
  table(annotated: ReadonlySet<string>): LibraryTable {
    const unmade = this.unmade;
    if (!unmade) return encodeLibraryTable(this.data.documents, annotated, this.titleRanks());
    const { rows, rank } = compactRows(unmade.columns, unmade.entries);
    const ranks = unmade.columns.ranks ? { ranks: Int32Array.from({ length: rows.count }, (_, i) => rank(i)), locale: unmade.columns.locale } : null;
    return encodeTableRows(rows, annotated, ranks);
  }

  /**
   * Each listed document's id and `updatedAt`, in library order: what the search index's
   * fingerprint hashes. Read from library.bin's columns while the documents are not objects,
   * so that checking the saved index at start does not make 100,000 of them (~0.6 s; issue #19).
   */
  versions(visit: (id: string, updatedAt: string) => void): void {
    const unmade = this.unmade;
    if (!unmade) {
      for (const doc of this.data.documents) visit(doc.id, doc.updatedAt);
      return;
    }
    const { rows, updatedAt } = compactRows(unmade.columns, unmade.entries);
    for (let i = 0; i < rows.count; i++) visit(rows.id(i), updatedAt(i));
  }

  /** The listed documents that have an OCR state (what was waiting for OCR is resumed at open), without making every document an object. */
  withOcrState(): DocumentMeta[] {
    if (this.unmade) {
      const { columns, entries } = this.unmade;
      // The OCR state is kept in library.bin's `extra` column: only documents with one, and those the log wrote, are looked at.
      if (!entries.some((e) => e.upsert?.some((d) => d.ocr) || e.remove?.length) && !hasOcr(columns)) return [];
    }
    return this.documents().filter((d) => d.ocr);
  }

  /**
   * Makes library.bin's documents objects and replays the log's lines since over them, as
   * open did before issue #19; once, when a document is first asked for.
   */
  protected materialize(): void {
    if (!this.unmade) return;
    const loaded = { unmade: this.unmade, titles: null as TitleRanks | null };
    materializeInto(this.data, loaded);
    this.unmade = null;
    this.unmadeRows = null;
    this.titles = loaded.titles;
    for (const doc of this.data.documents) this.byId.set(doc.id, freeze(doc));
  }

  /**
   * The rank of each listed document's title in the library table's order, as library.bin
   * holds it (-1 for a document changed or listed since: a changed document is a new object),
   * and the locale it was made under; null when library.bin holds none (format 1).
   */
  titleRanks(): { ranks: Int32Array; locale: string } | null {
    this.materialize();
    const titles = this.titles;
    if (!titles) return null;
    // Documents keep their places until one is removed: by place first, by identity after.
    let rankOf: Map<DocumentMeta, number> | null = null;
    const rank = (d: DocumentMeta, i: number): number => {
      if (titles.docs[i] === d) return titles.ranks[i]!;
      rankOf ??= new Map(titles.docs.map((doc, at) => [doc, titles.ranks[at]!]));
      return rankOf.get(d) ?? -1;
    };
    return { ranks: Int32Array.from(this.data.documents, rank), locale: titles.locale };
  }

  /**
   * Each title's rank for the next library.bin (`docs`: the listed documents): the titles
   * listed or retitled since `titles` placed among them (rerankTitles), or every title sorted
   * when there are none (format 1, another locale) or they do not check out. Ranks read from
   * library.bin are checked against this process's collator once; those made here are not.
   * `held(i)`: whether docs[i] is one of the documents of the last library.bin, unchanged.
   */
  protected nextTitleRanks(docs: readonly DocumentMeta[]): { ranks: Uint32Array; held: (i: number) => boolean } {
    const titles = docs.map((d) => d.title);
    const known = this.titleRanks();
    const reranked = known && known.locale === titleLocale() ? rerankTitles(titles, known.ranks, !this.titlesChecked) : null;
    if (reranked) this.titlesChecked = true;
    // Whether document i is one of library.bin's, unchanged (a rank of its own: titleRanks).
    const held = (i: number) => (known?.ranks[i] ?? -1) >= 0;
    return { ranks: reranked ?? rankTitles(titles), held };
  }

  findBySha(sha256: string): DocumentMeta | undefined {
    return this.lookups().bySha.get(sha256);
  }

  /**
   * A document that a new file may be a version of: the same source file name, or the same
   * title in the same format (the same text as HTML and as DOCX are two documents).
   */
  findVersionCandidate(sourceName: string, title: string, type: DocType): DocumentMeta | undefined {
    const { bySourceName, byTitle } = this.lookups();
    return bySourceName.get(sourceName.toLowerCase()) ?? byTitle.get(titleKey(title, type));
  }

  settings(): Settings {
    return this.data.settings ?? defaultSettings();
  }

  /** Deleted documents, newest first. */
  trash(): readonly TrashedDocument[] {
    return [...(this.data.trash ?? [])].sort((a, b) => b.deletedAt.localeCompare(a.deletedAt));
  }

  trashed(id: string): TrashedDocument | undefined {
    return this.data.trash?.find((d) => d.id === id);
  }

  collections(): readonly Collection[] {
    return this.data.collections ?? [];
  }

  savedSearches(): readonly SavedSearch[] {
    return this.data.savedSearches ?? [];
  }

  /** Makes `draft` current; the lookups follow the change. */
  protected install(draft: LibraryFile, entry: LogEntry | null, logged: ReadonlySet<string>): void {
    for (const id of entry?.remove ?? []) this.byId.delete(id);
    for (const doc of entry?.upsert ?? []) this.byId.set(doc.id, freeze(doc));
    // Only documents that add() listed (and remembered) already leave the lookups as they are.
    if (entry?.remove || entry?.upsert?.some((d) => !logged.has(d.id))) this.secondary = null;
    this.data = draft;
  }

  protected lookups() {
    this.materialize();
    if (!this.secondary) {
      const secondary = { bySha: new Map<string, DocumentMeta>(), bySourceName: new Map<string, DocumentMeta>(), byTitle: new Map<string, DocumentMeta>() };
      for (const doc of this.data.documents) remember(secondary, doc);
      this.secondary = secondary;
    }
    return this.secondary;
  }
}

/**
 * Puts library.bin's documents (`loaded.unmade`) into `data` as objects, with the log's
 * lines replayed over them (their small parts are in `data` already); `loaded.titles` gets
 * library.bin's title ranks for those objects.
 */
export function materializeInto(data: LibraryFile, loaded: { unmade: Unmade | null; titles?: TitleRanks | null }): void {
  const unmade = loaded.unmade;
  if (!unmade) return;
  loaded.unmade = null;
  const docs = decodeDocuments(unmade.columns);
  loaded.titles = unmade.columns.ranks ? { docs, ranks: unmade.columns.ranks, locale: unmade.columns.locale } : null;
  data.documents = replayDocuments(docs.slice(), unmade.entries, (d) => d.id, (d) => d);
}

/** Whether any document of library.bin has an OCR state (in its `extra` column, as JSON). */
function hasOcr(columns: Unmade['columns']): boolean {
  const { extra } = columns.columns;
  for (let i = 0; i < columns.count; i++) {
    const ref = extra[i]!;
    if (ref !== NONE && columns.strings[ref]!.includes('"ocr"')) return true;
  }
  return false;
}

/** Installed documents are never edited in place (a change replaces them): frozen, an edit in place fails loudly. */
export function freeze(doc: DocumentMeta): DocumentMeta {
  if (doc.tags) Object.freeze(doc.tags);
  if (doc.collections) Object.freeze(doc.collections);
  return Object.freeze(doc);
}

export function remember(maps: Lookups, doc: DocumentMeta) {
  if (!maps.bySha.has(doc.sha256)) maps.bySha.set(doc.sha256, doc);
  const name = doc.sourceName.toLowerCase();
  if (!maps.bySourceName.has(name)) maps.bySourceName.set(name, doc);
  const key = titleKey(doc.title, doc.type);
  if (!maps.byTitle.has(key)) maps.byTitle.set(key, doc);
}
