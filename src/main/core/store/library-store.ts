/**
 * The library's store: opening it from disk and every durable change to it (the change log,
 * library.json with its journal and backups, compaction into library.bin). Its reads are
 * LibraryState's (library-state.ts), what a change logs is library-diff.ts's, and when to
 * compact is compaction-pace.ts's.
 */
import { rm } from 'node:fs/promises';
import type { Low } from 'lowdb';
import { ApiError } from '../../../shared/api';
import { titleLocale } from '../../../shared/text/title-collation';
import type { DocumentMeta } from '../../../shared/model';
import { CompactionPace } from './compaction-pace';
import { exists, syncDir, writeFileDurable } from './durable-file';
import { openJsonStore, StoreDamagedError } from './json-store';
import type { ArchiveLayout } from './layout';
import { encodeCompact } from './library-compact';
import { LibraryJournal } from './library-journal';
import { logEntryOf } from './library-diff';
import { LibraryLog, noteEdits } from './library-log';
import { adoptFolders, type Loaded, loadDocuments, reconcileTrash, recover, rotateBackup } from './library-open';
import { freeze, LibraryState, materializeInto, remember } from './library-state';
import { saveMetaFiles } from './meta-files';
import { Mutex } from './mutex';
import type { RepairsStore } from './repairs-store';
import { emptyLibrary, libraryFileSchema, smallLibraryFile, type LibraryFile } from './schemas';

export { untrashed } from './library-open';

/** How long after an import the new documents are written to the change log: one line covers every document imported meanwhile. */
const SNAPSHOT_DELAY_MS = 2_000;

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
 * enough (compaction-pace.ts), and whenever its own cost allows.
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
 * What is in memory, and every read of it, is LibraryState's (library-state.ts); this class
 * writes it.
 */
export class LibraryStore extends LibraryState {
  private readonly mutex = new Mutex();
  /** documents added (add()) whose log line is not written yet: their folders are their commit */
  private readonly unlogged = new Set<string>();
  /** listed documents with logged edits that their meta.json does not hold yet: written into it before the log is compacted */
  private readonly unsaved = new Set<string>();
  private snapshotTimer: NodeJS.Timeout | null = null;
  private compactTimer: NodeJS.Timeout | null = null;
  /** when the log is compacted next */
  private readonly pace = new CompactionPace();
  /** library.json is rewritten at the next change even if its small parts did not change (migrated, rebuilt, recovered) */
  private rewriteSmall = false;
  /** the last log line's number (LogEntry.seq) */
  private seq = 0;
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
    super(db.data);
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
    store.pace.bytes = loaded.compactBytes;
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
    if (this.writable && this.log.bytes > this.pace.threshold()) await this.compact();
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
      const entry = logEntryOf(current, cloned, draft, this.byId, this.unlogged, this.seq);
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
   * its own cost (compaction-pace.ts).
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
      const { ranks, held } = this.nextTitleRanks(docs);
      const parts = encodeCompact(docs, gen, ranks, held);
      await writeFileDurable(this.layout.libraryCompact, parts);
      this.titles = { docs, ranks, locale: titleLocale() };
      this.titlesChecked = true;
      await this.log.start(gen);
      for (const id of covered) this.unlogged.delete(id);
      this.unsaved.clear();
      this.pace.done(started, parts.reduce((n, p) => n + p.length, 0));
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

  private scheduleCompaction(): void {
    if (!this.writable || this.closed || this.compactTimer || this.log.bytes <= this.pace.threshold()) return;
    const wait = this.pace.wait();
    this.compactTimer = setTimeout(() => {
      this.compactTimer = null;
      // flush() may have compacted meanwhile (an import's log line takes it over the threshold and compacts at once): not twice.
      if (this.closed || this.log.bytes <= this.pace.threshold()) return;
      this.compact().catch((error: unknown) => console.error('[marginalia] the library could not be compacted (its change log keeps every change):', error));
    }, wait).unref();
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

/** The small parts of the library (library.json from version 2), for the journal. */
const smallOnly = (data: LibraryFile): LibraryFile => ({ ...data, documents: [] });
