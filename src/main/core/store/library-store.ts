import { rm } from 'node:fs/promises';
import type { Low } from 'lowdb';
import { ApiError } from '../../../shared/api';
import { rankTitles, titleLocale } from '../../../shared/text/title-collation';
import { encodeLibraryTable, encodeTableRows, type Collection, type DocType, type DocumentMeta, type LibraryTable, type SavedSearch, type Settings, type TableRows, type TrashedDocument } from '../../../shared/model';
import { exists, syncDir, writeFileDurable } from './durable-file';
import { openJsonStore, StoreDamagedError } from './json-store';
import type { ArchiveLayout } from './layout';
import { decodeDocuments, encodeCompact, NONE, type TitleRanks } from './library-compact';
import { compactRows } from './library-rows';
import { arrayCursor, compactCursor, type DocumentCursor } from './library-cursor';
import { LibraryJournal, sameValue } from './library-journal';
import { LibraryLog, type LogEntry, noteEdits, replayDocuments } from './library-log';
import { adoptFolders, type Loaded, loadDocuments, reconcileTrash, recover, rotateBackup, titleKey, type Unmade } from './library-open';
import { saveMetaFiles } from './meta-files';
import { Mutex } from './mutex';
import type { RepairsStore } from './repairs-store';
import { defaultSettings, emptyLibrary, libraryFileSchema, smallLibraryFile, type LibraryFile } from './schemas';

export { untrashed } from './library-open';

/** How long after an import the new documents are written to the change log: one line covers every document imported meanwhile. */
const SNAPSHOT_DELAY_MS = 2_000;
/**
 * The change log is compacted into library.bin once it holds this many bytes, or an eighth
 * of library.bin if that is more: replaying it at open then costs a bounded share of loading
 * library.bin, and compaction (which costs the archive's size) happens once per that many
 * bytes of changes, so its cost per change stays constant as the archive grows.
 */
const COMPACT_MIN_LOG_BYTES = 1024 * 1024;
const COMPACT_LOG_SHARE = 8;
/** ...and no oftener than this many times as long as the last compaction took: it takes at most 1/20 of the time. */
const COMPACT_SPACING = 20;

/**
 * The library: every document's metadata, tags, collections, saved searches, settings and trash.
 *
 * On disk (issue #19; DESIGN: "one file holding everything is the bottleneck, shard it"):
 *  - library.bin (library-compact.ts): the documents' metadata as of the last compaction, in a
 *    binary form decoded in one pass at open (no JSON parse, no schema walk of 100,000 entries);
 *  - library.log (library-log.ts): every change since, one fsynced line each, replayed at open;
 *  - library.json: what is small (settings, collections, saved searches, trash), rewritten
 *    when it changes, with its backups and journal as before;
 *  - docs/<id>/meta.json: each document's metadata as imported, and as edited up to the
 *    last compaction, from which the library is rebuilt when library.bin is lost or damaged.
 * A change is acknowledged once its log line is durable: its cost is the size of the change,
 * never of the archive. library.bin is rewritten in the background when the log has grown
 * enough (COMPACT_*), and whenever its own cost allows.
 *
 * library.bin is a pure cache: meta.json plus the log always tell the whole truth. Before a
 * compaction drops the log's lines, the documents they edited get their meta.json rewritten
 * (durably, as a group: meta-files.ts); only then are library.bin and the new log written. So a
 * damaged library.bin loses nothing acknowledged: it is rebuilt from the folders and the log.
 * (Keeping the previous library.bin and log as a backup instead would need a chain of them to
 * reach back to a good file, twice the disk, and a second format to trust; meta.json is the
 * source a rebuild reads already, and writing it costs only the documents edited since the
 * last compaction.)
 *
 * A new document is committed by its own folder: docs/<id>/ (with meta.json) is renamed into
 * place and fsynced before the import is acknowledged, and the log gets one line a moment
 * later for everything imported meanwhile. A folder that the library does not list yet —
 * after a crash, or while another process imports — is listed from its meta.json on open.
 *
 * At open, library.bin's documents stay columns on its buffer (library-rows.ts answers the
 * library table from them, get() one document, tagLists() the tags) until something asks for
 * every document or changes one (materialize): neither the library view's first answer nor
 * the reader's first document waits for 100,000 objects to be made (issue #19).
 *
 * In memory the library is one LibraryFile whose documents are frozen: a change builds a
 * draft (the small parts copied, the list of documents copied shallowly) in which changed
 * documents are new objects, so what changed is found by identity in one pass.
 */
export class LibraryStore {
  private data: LibraryFile;
  private readonly byId = new Map<string, DocumentMeta>();
  /**
   * The first listed document by SHA-256, by lower-cased source name, and by title and type:
   * every import asks for a duplicate and a version candidate, and scanning the list for them
   * cost each import time proportional to the archive (~5 ms a file at 100,000 documents; issue
   * #19). Built on first use (an archive opened to read or search never needs them), dropped
   * when documents change other than by add().
   */
  private secondary: { bySha: Map<string, DocumentMeta>; bySourceName: Map<string, DocumentMeta>; byTitle: Map<string, DocumentMeta> } | null = null;
  private readonly mutex = new Mutex();
  /** documents added (add()) whose log line is not written yet: their folders are their commit */
  private readonly unlogged = new Set<string>();
  /** listed documents with logged edits that their meta.json does not hold yet: written into it before the log is compacted */
  private readonly unsaved = new Set<string>();
  private snapshotTimer: NodeJS.Timeout | null = null;
  private compactTimer: NodeJS.Timeout | null = null;
  /** how long the last compaction took, and when it ended (performance.now()) */
  private lastCompactMs = 0;
  private lastCompactEnd = -Infinity;
  /** the size of library.bin as last written or read */
  private compactBytes = 0;
  /** library.json is rewritten at the next change even if its small parts did not change (migrated, rebuilt, recovered) */
  private rewriteSmall = false;
  /** the last log line's number (LogEntry.seq) */
  private seq = 0;
  /** the titles' ranks as library.bin was last written or read (its documents, as they were then) */
  private titles: TitleRanks | null = null;
  /** library.bin's documents not made objects yet, with the log lines to replay over them (materialize) */
  private unmade: Unmade | null = null;
  /** while `unmade`: the listed documents one at a time and their ids, in the same order (unmadeDocument) */
  private unmadeRows: { cursor: DocumentCursor; rows: TableRows } | null = null;
  private closed = false;
  /** this session's backup of library.json, taken while the app starts; writes wait for it */
  private backup: Promise<void> = Promise.resolve();
  /** every change to library.json since its newest backup, so that a damaged library.json loses (almost) nothing */
  private readonly journal: LibraryJournal;
  /** whether the journal continues a backup of this session (else the next write takes one) */
  private journalling = false;
  /** told which documents' metadata changed after each durable change — sync's change log listens */
  onDocumentsChanged: ((ids: readonly string[]) => void) | null = null;

  private constructor(
    private readonly layout: ArchiveLayout,
    private readonly db: Low<LibraryFile>,
    private readonly log: LibraryLog,
    private readonly writable: boolean,
    readonly notices: string[],
  ) {
    this.data = db.data;
    for (const doc of this.data.documents) this.byId.set(doc.id, freeze(doc));
    this.journal = new LibraryJournal(layout.libraryJournal);
    this.journal.remember(smallOnly(this.data));
  }

  static async open(layout: ArchiveLayout, writable: boolean, repairs: RepairsStore | null = null): Promise<LibraryStore> {
    const db = openJsonStore(layout.library, libraryFileSchema, emptyLibrary());
    const notices: string[] = [];
    let rebuilt = false;
    let backUp = false;
    let recovered = false;
    const present = await exists(layout.library);
    try {
      await db.read();
      if (!present) rebuilt = true;
      else backUp = writable;
    } catch (error) {
      if (!(error instanceof StoreDamagedError)) throw error;
      const recovery = await recover(layout, writable, error);
      db.data = recovery.data;
      notices.push(recovery.notice);
      await repairs?.record(recovery.repair);
      rebuilt = true;
      recovered = true;
    }
    // A version 1 library.json (an archive from before issue #19) holds the documents: they move to library.bin.
    const migrating = db.data.version === 1 && !recovered;
    const loaded: Loaded = migrating ? { gen: 0, needsCompact: true, logCurrent: false, logBytes: 0, compactBytes: 0, lastSeq: 0, edited: new Set(), unmade: null } : await loadDocuments(layout, db.data, recovered, notices, repairs);
    db.data.version = 2;
    // Listing docs/ costs ~0.1–0.4 s at 100,000 documents: done only when a folder may be unknown to the log —
    // the last writer did not close (a crash, or it is importing now), or the library was rebuilt, migrated or damaged.
    const uncertain = migrating || rebuilt || !loaded.logCurrent || (await exists(layout.libraryOpen));
    // Only a clean open keeps the documents as columns; every repair below works on the objects.
    if (loaded.unmade && (uncertain || recovered)) materializeInto(db.data, loaded);
    const reconciled = await reconcileTrash(layout, db.data, () => materializeInto(db.data, loaded));
    const adopted = uncertain ? await adoptFolders(layout, db.data) : [];
    if ((rebuilt || loaded.needsCompact) && adopted.length > 0) notices.push(`${adopted.length} document(s) found in the archive folder were listed in the library again.`);
    const log = new LibraryLog(layout.libraryLog, loaded.gen, loaded.logBytes);
    const store = new LibraryStore(layout, db, log, writable, notices);
    store.compactBytes = loaded.compactBytes;
    store.titles = loaded.titles ?? null;
    store.unmade = loaded.unmade;
    store.seq = Math.max(db.data.logSeq ?? 0, loaded.lastSeq);
    // Documents from a version 1 library.json (or its backup), or moved back from the trash by a crash's repair: their
    // meta.json may be older than the library; the compaction below writes only those that differ.
    const sources = migrating || recovered || reconciled > 0 ? db.data.documents.map((d) => d.id) : loaded.edited;
    for (const id of sources) store.unsaved.add(id);
    // The copy of the good file runs beside the rest of the start; nothing writes library.json before it is done.
    if (backUp) store.backup = store.startBackup();
    if (writable) {
      await writeFileDurable(layout.libraryOpen, `${process.pid}\n`);
      // Folders committed after the last log line (a crash during an import): logged by the write below.
      for (const doc of adopted) store.unlogged.add(doc.id);
      // library.bin first, then the new log, then library.json: a crash between leaves a state that opens the same.
      if (migrating || loaded.needsCompact || reconciled > 0) await store.compact();
      else if (!loaded.logCurrent) await store.log.start(loaded.gen);
      store.rewriteSmall = migrating || rebuilt || reconciled > 0;
      if (store.rewriteSmall || store.unlogged.size) await store.mutate(() => undefined);
      // A library.bin without title ranks (format 1, from before them) is rewritten once, in the background.
      else if (loaded.unmade ? !loaded.unmade.columns.ranks && loaded.unmade.columns.count > 0 : !store.titles && store.data.documents.length) store.compactSoon();
    }
    return store;
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
  private materialize(): void {
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

  /**
   * Lists a document whose folder is already durable (DocStore.create): the folder is the
   * commit, so this is immediate; the change log follows within SNAPSHOT_DELAY_MS.
   */
  add(doc: DocumentMeta): void {
    this.materialize();
    freeze(doc);
    this.data.documents.push(doc);
    this.byId.set(doc.id, doc);
    if (this.secondary) remember(this.secondary, doc);
    this.unlogged.add(doc.id);
    this.onDocumentsChanged?.([doc.id]);
    this.snapshotTimer ??= setTimeout(() => void this.flush().catch(() => undefined), SNAPSHOT_DELAY_MS).unref();
  }

  /** Writes the documents added since the last log line, and lets the backup finish (close); compacts a long log. */
  async flush(): Promise<void> {
    await this.backup;
    if (this.unlogged.size) await this.mutate(() => undefined);
    if (this.writable && this.log.bytes > this.compactThreshold()) await this.compact();
  }

  /** Stops the background work (the archive closes); what is acknowledged is on disk already. */
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    if (this.compactTimer) clearTimeout(this.compactTimer);
    if (this.snapshotTimer) clearTimeout(this.snapshotTimer);
    await this.mutex.run(async () => {
      // Every listed folder is in the log now (flush): the next open need not list docs/.
      if (this.writable && this.unlogged.size === 0) {
        await rm(this.layout.libraryOpen, { force: true });
        await syncDir(this.layout.root);
      }
    });
  }

  /**
   * Changes the library: edits a draft, writes the change durably (a log line; library.json
   * when its small parts changed), then makes it current. Documents added while it is written
   * join the new current data (adds only append).
   */
  mutate<T>(apply: (draft: LibraryFile) => T): Promise<T> {
    return this.commit(async () => undefined, apply);
  }

  /**
   * mutate() after an async step on disk that the change records (moving folders in or out of
   * the trash), both under the library's lock: nothing else writes the library between the
   * step and the write that follows it.
   */
  commit<R, T>(prepare: () => Promise<R>, apply: (draft: LibraryFile, prepared: R) => T): Promise<T> {
    return this.mutex.run(async () => {
      await this.backup;
      const prepared = await prepare();
      this.materialize();
      if (this.snapshotTimer) clearTimeout(this.snapshotTimer);
      this.snapshotTimer = null;
      const current = this.data;
      const cloned = current.documents.length;
      const draft: LibraryFile = { ...(structuredClone(smallOnly(current)) as LibraryFile), version: 2, documents: current.documents.slice() };
      const result = apply(draft, prepared);
      const logged = new Set(this.unlogged);
      const entry = this.diff(current, cloned, draft);
      const small = smallOnly(draft);
      const journalEntry = this.journalling ? this.journal.diff(small) : null;
      const smallChanged = this.rewriteSmall || !this.journalling || journalEntry !== null || entry?.trash !== undefined || entry?.settings !== undefined || entry?.collections !== undefined || entry?.savedSearches !== undefined;
      // The log line is the commit; library.json follows (its own journal line first, so a damaged library.json loses nothing either).
      if (entry) {
        await this.log.append(entry);
        noteEdits(this.unsaved, entry);
        this.seq = entry.seq;
        draft.logSeq = entry.seq;
      }
      if (smallChanged) {
        if (journalEntry) await this.journal.append(journalEntry);
        await this.db.adapter.write({ ...smallLibraryFile(draft) } as LibraryFile);
        this.journal.remember(small);
        this.rewriteSmall = false;
        // A fresh archive (no backup yet) or a long journal: the file just written becomes the newest backup.
        if (!this.journalling || this.journal.full) await this.startBackup();
      }
      for (const id of logged) this.unlogged.delete(id);
      // Sync's change log: what this line changed, less the documents add() listed (and told of) unchanged since.
      const asImported = new Set(entry?.asImported);
      this.onDocumentsChanged?.([...(entry?.upsert ?? []).flatMap((d) => (asImported.has(d.id) ? [] : [d.id])), ...(entry?.remove ?? [])]);
      const addedMeanwhile = current.documents.slice(cloned);
      draft.documents.push(...addedMeanwhile);
      this.install(draft, entry, logged);
      this.scheduleCompaction();
      return result;
    });
  }

  update(id: string, change: (doc: DocumentMeta) => DocumentMeta): Promise<DocumentMeta> {
    return this.mutate((draft) => {
      const index = draft.documents.findIndex((d) => d.id === id);
      const before = draft.documents[index];
      if (!before) throw new ApiError('not_found', `No document with id ${id} in this archive.`);
      return (draft.documents[index] = change(before));
    });
  }

  /**
   * Writes the meta.json of every document edited since the last compaction, then library.bin
   * with every document as it is now, then starts an empty log (the next generation). Under the
   * library's lock: no change is logged meanwhile. A crash before library.bin is renamed into
   * place leaves the old library.bin and the whole log (meta.json ahead of neither: it holds
   * acknowledged states only); after, library.bin, the older log (all in library.bin) and every
   * edit in meta.json. Its cost grows with the archive, so it runs in the background, spaced by
   * its own cost (COMPACT_*).
   */
  compact(): Promise<void> {
    return this.mutex.run(async () => {
      if (!this.writable) return;
      const started = performance.now();
      const gen = this.log.gen + 1;
      // add() goes on while library.bin is written: the documents it lists meanwhile are not in it and stay to be logged.
      const covered = new Set(this.unlogged);
      this.materialize();
      await saveMetaFiles(this.layout, [...this.unsaved].flatMap((id) => this.byId.get(id) ?? []));
      const docs = this.data.documents.slice();
      const ranks = rankTitles(docs.map((d) => d.title));
      const parts = encodeCompact(docs, gen, ranks);
      await writeFileDurable(this.layout.libraryCompact, parts);
      this.titles = { docs, ranks, locale: titleLocale() };
      await this.log.start(gen);
      for (const id of covered) this.unlogged.delete(id);
      this.unsaved.clear();
      this.compactBytes = parts.reduce((n, p) => n + p.length, 0);
      this.lastCompactEnd = performance.now();
      this.lastCompactMs = this.lastCompactEnd - started;
    });
  }

  /** Compacts in the background as soon as the start is over (a failure leaves the log, which keeps every change). */
  private compactSoon(): void {
    this.compactTimer ??= setTimeout(() => {
      this.compactTimer = null;
      if (this.closed) return;
      this.compact().catch((error: unknown) => console.error('[marginalia] the library could not be compacted (its change log keeps every change):', error));
    }, 0).unref();
  }

  private compactThreshold(): number {
    return Math.max(COMPACT_MIN_LOG_BYTES, this.compactBytes / COMPACT_LOG_SHARE);
  }

  private scheduleCompaction(): void {
    if (!this.writable || this.closed || this.compactTimer || this.log.bytes <= this.compactThreshold()) return;
    const wait = Math.max(0, this.lastCompactEnd + this.lastCompactMs * COMPACT_SPACING - performance.now());
    this.compactTimer = setTimeout(() => {
      this.compactTimer = null;
      // flush() may have compacted meanwhile (an import's log line takes it over the threshold and compacts at once): not twice.
      if (this.closed || this.log.bytes <= this.compactThreshold()) return;
      this.compact().catch((error: unknown) => console.error('[marginalia] the library could not be compacted (its change log keeps every change):', error));
    }, wait).unref();
  }

  /** The change from `current` (its first `cloned` documents, as the draft was made) to `draft`, as one log entry, or null. */
  private diff(current: LibraryFile, cloned: number, draft: LibraryFile): LogEntry | null {
    const entry: LogEntry = { seq: this.seq + 1, at: new Date().toISOString() };
    const upsert: DocumentMeta[] = [];
    const asImported: string[] = [];
    let kept = 0;
    for (const doc of draft.documents) {
      const before = this.byId.get(doc.id);
      if (before) kept++;
      if (before !== doc || this.unlogged.has(doc.id)) upsert.push(doc);
      // Listed by add() (or from its folder) and unchanged since: its meta.json holds it.
      if (before === doc && this.unlogged.has(doc.id)) asImported.push(doc.id);
    }
    // apply() runs synchronously: nothing was added since the draft was made.
    if (kept < cloned) {
      const inDraft = new Set(draft.documents.map((d) => d.id));
      const remove = current.documents.slice(0, cloned).flatMap((d) => (inDraft.has(d.id) ? [] : [d.id]));
      if (remove.length) entry.remove = remove;
    }
    if (upsert.length) entry.upsert = upsert;
    if (asImported.length) entry.asImported = asImported;
    for (const key of ['settings', 'collections', 'savedSearches', 'trash'] as const) {
      if (!sameValue(current[key] ?? null, draft[key] ?? null)) (entry as unknown as Record<string, unknown>)[key] = draft[key] ?? (key === 'settings' ? defaultSettings() : []);
    }
    return Object.keys(entry).length > 2 ? entry : null;
  }

  /** Makes `draft` current; the lookups follow the change. */
  private install(draft: LibraryFile, entry: LogEntry | null, logged: ReadonlySet<string>): void {
    for (const id of entry?.remove ?? []) this.byId.delete(id);
    for (const doc of entry?.upsert ?? []) this.byId.set(doc.id, freeze(doc));
    // Only documents that add() listed (and remembered) already leave the lookups as they are.
    if (entry?.remove || entry?.upsert?.some((d) => !logged.has(d.id))) this.secondary = null;
    this.data = draft;
  }

  private lookups() {
    this.materialize();
    if (!this.secondary) {
      const secondary = { bySha: new Map<string, DocumentMeta>(), bySourceName: new Map<string, DocumentMeta>(), byTitle: new Map<string, DocumentMeta>() };
      for (const doc of this.data.documents) remember(secondary, doc);
      this.secondary = secondary;
    }
    return this.secondary;
  }

  /** Copies library.json as the newest backup and starts a journal that continues it. */
  private async startBackup(): Promise<void> {
    try {
      const name = await rotateBackup(this.layout);
      await this.journal.start(name);
      this.journalling = true;
    } catch (error) {
      this.journalling = false;
      this.notices.push(`library.json could not be backed up (${(error as Error).message}); your work is saved, but the newest backup is older.`);
    }
  }
}

/**
 * Puts library.bin's documents (`loaded.unmade`) into `data` as objects, with the log's
 * lines replayed over them (their small parts are in `data` already); `loaded.titles` gets
 * library.bin's title ranks for those objects.
 */
function materializeInto(data: LibraryFile, loaded: { unmade: Unmade | null; titles?: TitleRanks | null }): void {
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

/** The small parts of the library (library.json from version 2), for the journal. */
const smallOnly = (data: LibraryFile): LibraryFile => ({ ...data, documents: [] });

/** Installed documents are never edited in place (a change replaces them): frozen, an edit in place fails loudly. */
function freeze(doc: DocumentMeta): DocumentMeta {
  if (doc.tags) Object.freeze(doc.tags);
  if (doc.collections) Object.freeze(doc.collections);
  return Object.freeze(doc);
}

function remember(maps: { bySha: Map<string, DocumentMeta>; bySourceName: Map<string, DocumentMeta>; byTitle: Map<string, DocumentMeta> }, doc: DocumentMeta) {
  if (!maps.bySha.has(doc.sha256)) maps.bySha.set(doc.sha256, doc);
  const name = doc.sourceName.toLowerCase();
  if (!maps.bySourceName.has(name)) maps.bySourceName.set(name, doc);
  const key = titleKey(doc.title, doc.type);
  if (!maps.byTitle.has(key)) maps.byTitle.set(key, doc);
}
