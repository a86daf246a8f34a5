import { copyFile, mkdir, open as openFile, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Low } from 'lowdb';
import { ApiError } from '../../../shared/api';
import type { Collection, DocType, DocumentMeta, SavedSearch, Settings, TrashedDocument } from '../../../shared/model';
import { exists, folderNames, isErrno, syncDir, writeFileDurable } from './durable-file';
import { openJsonStore, parseStore, StoreDamagedError } from './json-store';
import type { ArchiveLayout } from './layout';
import { LibraryJournal, replayJournal, sameValue } from './library-journal';
import { Mutex } from './mutex';
import type { RepairsStore } from './repairs-store';
import { defaultSettings, documentMetaSchema, emptyLibrary, libraryFileSchema, type LibraryFile } from './schemas';

const KEEP_BACKUPS = 10;
const stamp = () => new Date().toISOString().replace(/[:.]/g, '-');

/** How long after an import library.json is rewritten: one write covers every document imported meanwhile. */
const SNAPSHOT_DELAY_MS = 2_000;
/**
 * ...and at least this many times as long as its last write took. library.json grows with
 * the archive (~60 MB at 100,000 documents, ~1–2 s to clone, journal, write and back up):
 * rewritten every 2 s, an import spent most of its time rewriting it, more and more as the
 * archive grew. Spaced by its own cost, the rewrites take a bounded share of an import
 * (1/20) whatever the archive's size, so their cost per document stays constant. The
 * documents are durable in their folders meanwhile; a crash costs only listing those
 * folders again at the next open (design note, issue #19).
 */
const SNAPSHOT_SPACING = 20;

/**
 * library.json: the index of every document's metadata, tags, collections and settings.
 *
 * A new document is committed by its own folder: docs/<id>/ (with meta.json) is renamed into
 * place and fsynced before the import is acknowledged, and library.json is rewritten a moment
 * later, once for everything imported meanwhile (at 10,000 documents it is ~5 MB: rewriting it
 * per document capped imports at ~25 files/s). A folder that library.json does not list yet —
 * after a crash, or while another process imports — is listed from its meta.json on open.
 * Every other change (titles, tags, settings) is written to library.json before it is
 * acknowledged.
 */
export class LibraryStore {
  private readonly byId = new Map<string, DocumentMeta>();
  private readonly bySha = new Map<string, DocumentMeta>();
  /**
   * The first listed document by lower-cased source name, and by title and type: every
   * import asks for a version candidate, and scanning the list for it cost each import time
   * proportional to the archive (~5 ms a file at 100,000 documents; issue #19).
   */
  private readonly bySourceName = new Map<string, DocumentMeta>();
  private readonly byTitle = new Map<string, DocumentMeta>();
  private readonly mutex = new Mutex();
  /** documents added since library.json was last written */
  private unsaved = false;
  private snapshotTimer: NodeJS.Timeout | null = null;
  /** how long the last write of library.json took (clone, journal, write, backup), ms */
  private lastWriteMs = 0;
  /** this session's backup of library.json, taken while the app starts; writes wait for it */
  private backup: Promise<void> = Promise.resolve();
  /** every change since the newest backup, so that a damaged library.json loses (almost) nothing */
  private readonly journal: LibraryJournal;
  /** whether the journal continues a backup of this session (else the next write takes one) */
  private journalling = false;
  /** told which documents' metadata changed after each durable change (null: not known) — sync's change log listens */
  onDocumentsChanged: ((ids: readonly string[] | null) => void) | null = null;
  /** documents add() listed (and told of) since library.json was last written: not told again when it is */
  private readonly announced = new Map<string, DocumentMeta>();

  private constructor(
    private readonly layout: ArchiveLayout,
    private readonly db: Low<LibraryFile>,
    readonly notices: string[],
  ) {
    for (const doc of db.data.documents) this.remember(doc);
    this.journal = new LibraryJournal(layout.libraryJournal);
    this.journal.remember(db.data);
  }

  static async open(layout: ArchiveLayout, writable: boolean, repairs: RepairsStore | null = null): Promise<LibraryStore> {
    const db = openJsonStore(layout.library, libraryFileSchema, emptyLibrary());
    const notices: string[] = [];
    let rebuilt = false;
    let backUp = false;
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
    }
    const reconciled = await reconcileTrash(layout, db.data);
    const adopted = await adoptFolders(layout, db.data);
    if (rebuilt && adopted > 0) notices.push(`${adopted} document(s) found in the archive folder were listed in the library again.`);
    const store = new LibraryStore(layout, db, notices);
    // The copy of the good file runs beside the rest of the start; nothing writes library.json before it is done.
    if (backUp) store.backup = store.startBackup();
    if (writable && (adopted > 0 || rebuilt || reconciled > 0)) await store.mutate(() => undefined);
    return store;
  }

  documents(): readonly DocumentMeta[] {
    return this.db.data.documents;
  }

  get(id: string): DocumentMeta | undefined {
    return this.byId.get(id);
  }

  findBySha(sha256: string): DocumentMeta | undefined {
    return this.bySha.get(sha256);
  }

  /**
   * A document that a new file may be a version of: the same source file name, or the same
   * title in the same format (the same text as HTML and as DOCX are two documents).
   */
  findVersionCandidate(sourceName: string, title: string, type: DocType): DocumentMeta | undefined {
    return this.bySourceName.get(sourceName.toLowerCase()) ?? this.byTitle.get(titleKey(title, type));
  }

  settings(): Settings {
    return this.db.data.settings ?? defaultSettings();
  }

  /** Deleted documents, newest first. */
  trash(): readonly TrashedDocument[] {
    return [...(this.db.data.trash ?? [])].sort((a, b) => b.deletedAt.localeCompare(a.deletedAt));
  }

  trashed(id: string): TrashedDocument | undefined {
    return this.db.data.trash?.find((d) => d.id === id);
  }

  collections(): readonly Collection[] {
    return this.db.data.collections ?? [];
  }

  savedSearches(): readonly SavedSearch[] {
    return this.db.data.savedSearches ?? [];
  }

  /**
   * Lists a document whose folder is already durable (DocStore.create): the folder is the
   * commit, so this is immediate; library.json follows within SNAPSHOT_DELAY_MS.
   */
  add(doc: DocumentMeta): void {
    this.db.data.documents.push(doc);
    this.remember(doc);
    this.announced.set(doc.id, doc);
    this.onDocumentsChanged?.([doc.id]);
    this.unsaved = true;
    this.snapshotTimer ??= setTimeout(() => void this.flush().catch(() => undefined), this.snapshotDelayMs()).unref();
  }

  /** How long after an add library.json is rewritten: SNAPSHOT_DELAY_MS, or SNAPSHOT_SPACING times its last write. */
  snapshotDelayMs(): number {
    return Math.max(SNAPSHOT_DELAY_MS, Math.round(this.lastWriteMs * SNAPSHOT_SPACING));
  }

  /** Writes library.json now if documents were added since it was last written, and lets the backup finish (close). */
  async flush(): Promise<void> {
    await this.backup;
    if (this.unsaved) await this.mutate(() => undefined);
  }

  /**
   * Changes library.json: edits a copy, writes it durably, then makes it current. Documents
   * added while the copy is written join the new current data (adds only append).
   */
  mutate<T>(apply: (draft: LibraryFile) => T): Promise<T> {
    return this.commit(async () => undefined, apply);
  }

  /**
   * mutate() after an async step on disk that the change records (moving folders in or out of
   * the trash), both under the library's lock: nothing else writes library.json between the
   * step and the write that follows it.
   */
  commit<R, T>(prepare: () => Promise<R>, apply: (draft: LibraryFile, prepared: R) => T): Promise<T> {
    return this.mutex.run(async () => {
      await this.backup;
      const prepared = await prepare();
      const started = performance.now();
      if (this.snapshotTimer) clearTimeout(this.snapshotTimer);
      this.snapshotTimer = null;
      const current = this.db.data;
      const draft = structuredClone(current);
      const cloned = current.documents.length;
      const result = apply(draft, prepared);
      const wasUnsaved = this.unsaved;
      this.unsaved = false;
      let changed: string[] | null = null;
      try {
        // The journal line is on disk before library.json changes: a damaged library.json loses no acknowledged change.
        const entry = this.journalling ? this.journal.diff(draft) : null;
        if (this.journalling) changed = [...(entry?.upsert ?? []).filter((d) => !sameValue(this.announced.get(d.id), d)).map((d) => d.id), ...(entry?.remove ?? [])];
        if (entry) await this.journal.append(entry);
        await this.db.adapter.write(draft);
      } catch (error) {
        this.unsaved = wasUnsaved || current.documents.length > cloned;
        throw error;
      }
      this.journal.remember(draft);
      this.onDocumentsChanged?.(changed);
      // A fresh archive (no backup yet) or a long journal: the file just written becomes the newest backup.
      if (!this.journalling || this.journal.full) await this.startBackup();
      const addedMeanwhile = current.documents.slice(cloned);
      this.announced.clear();
      for (const doc of addedMeanwhile) this.announced.set(doc.id, doc);
      draft.documents.push(...addedMeanwhile);
      this.db.data = draft;
      this.reindex();
      if (addedMeanwhile.length > 0) this.unsaved = true;
      this.lastWriteMs = performance.now() - started;
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

  private reindex() {
    this.byId.clear();
    this.bySha.clear();
    this.bySourceName.clear();
    this.byTitle.clear();
    for (const doc of this.db.data.documents) this.remember(doc);
  }

  private remember(doc: DocumentMeta) {
    this.byId.set(doc.id, doc);
    this.bySha.set(doc.sha256, doc);
    const name = doc.sourceName.toLowerCase();
    if (!this.bySourceName.has(name)) this.bySourceName.set(name, doc);
    const key = titleKey(doc.title, doc.type);
    if (!this.byTitle.has(key)) this.byTitle.set(key, doc);
  }
}


const titleKey = (title: string, type: DocType) => `${type}\u0000${title}`;

/** Keeps the last good library.json of each session start (and of each full journal), newest KEEP_BACKUPS; answers the new one's name. */
async function rotateBackup(layout: ArchiveLayout): Promise<string> {
  await mkdir(layout.backups, { recursive: true });
  const name = `library-${stamp()}.json`;
  const file = join(layout.backups, name);
  await copyFile(layout.library, file);
  const handle = await openFile(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await syncDir(layout.backups);
  const names = (await listBackups(layout)).slice(KEEP_BACKUPS);
  for (const old of names) await rm(join(layout.backups, old), { force: true });
  return name;
}

async function listBackups(layout: ArchiveLayout): Promise<string[]> {
  try {
    const names = await readdir(layout.backups);
    return names.filter((n) => /^library-.*\.json$/.test(n)).sort().reverse();
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return [];
    throw error;
  }
}

interface Recovery {
  data: LibraryFile;
  notice: string;
  repair: Parameters<RepairsStore['record']>[0];
}

/**
 * A damaged library.json is set aside, never overwritten, and replaced by the newest good
 * backup with the journal of later changes replayed over it; the notice says from when.
 */
async function recover(layout: ArchiveLayout, writable: boolean, damage: StoreDamagedError): Promise<Recovery> {
  let aside = '';
  if (writable) {
    aside = `${layout.library}.damaged-${stamp()}`;
    await rename(layout.library, aside);
    await syncDir(layout.root);
  }
  const setAside = aside ? `It was set aside as ${aside}; ` : '';
  const repairBase = { file: layout.library, problem: damage.message, ...(aside ? { setAsideAs: aside } : {}) };
  for (const name of await listBackups(layout)) {
    const file = join(layout.backups, name);
    let data: LibraryFile;
    try {
      data = parseStore(file, await readFile(file, 'utf8'), libraryFileSchema);
    } catch {
      continue; // try the next older backup
    }
    const takenAt = (await stat(file)).mtime.toISOString();
    const backupOnly = structuredClone(data);
    const replay = await replayJournal(layout.libraryJournal, name, data).catch(() => null);
    let restored = `the backup ${file} (taken ${takenAt})`;
    let lost: string;
    if (replay && replay.applied > 0 && libraryFileSchema.safeParse(data).success) {
      restored += ` and ${replay.applied} later change(s) from the journal, the last at ${replay.lastAt}`;
      lost = replay.unreadable ? `${replay.unreadable} journal line(s) could not be read (a write cut short); at most those changes are lost.` : 'No acknowledged change was lost.';
    } else {
      if (replay && replay.applied > 0) data = backupOnly;
      lost =
        replay && replay.base === name
          ? 'No change was made after that backup.'
          : `Changes made after ${takenAt} (titles, tags, collections, saved searches, settings) could not be recovered: no journal continues this backup.`;
    }
    if (writable) await writeFileDurable(layout.library, JSON.stringify(data, null, 1));
    const action = `Restored from ${restored}. ${lost}`;
    return { data, notice: `${damage.message}. ${setAside}${action}`, repair: { ...repairBase, action, backup: file, backupAt: takenAt } };
  }
  const action = 'No good backup was found, so the library was rebuilt from the document folders (settings, collections and saved searches start afresh).';
  return { data: emptyLibrary(), notice: `${damage.message}. ${setAside}${action}`, repair: { ...repairBase, action } };
}

/**
 * Makes library.json agree with where the folders are (a folder is in docs/ or in trash/,
 * moved by one rename; library.json is written right after): a delete, restore or emptying
 * that a crash cut between the two is finished here. Answers how many entries changed.
 */
export async function reconcileTrash(layout: ArchiveLayout, library: LibraryFile): Promise<number> {
  const inTrash = new Set(await folderNames(layout.trash));
  if (inTrash.size === 0 && !library.trash?.length) return 0;
  const inDocs = new Set(await folderNames(layout.docs));
  let changed = 0;
  const listed = new Set(library.documents.map((d) => d.id));
  const trash: TrashedDocument[] = [];
  for (const entry of library.trash ?? []) {
    if (inDocs.has(entry.id)) {
      // Restored on disk, not yet in library.json.
      if (!listed.has(entry.id)) library.documents.push(untrashed(entry));
      changed++;
    } else if (!inTrash.has(entry.id)) changed++; // removed for good (or being removed)
    else trash.push(entry);
  }
  const now = new Date().toISOString();
  const kept: DocumentMeta[] = [];
  for (const doc of library.documents) {
    if (!inDocs.has(doc.id) && inTrash.has(doc.id)) {
      // Moved to the trash on disk, not yet in library.json.
      if (!trash.some((t) => t.id === doc.id)) trash.push({ ...doc, deletedAt: now, annotationCount: await countAnnotations(layout, doc.id) });
      changed++;
    } else kept.push(doc);
  }
  library.documents = kept;
  // Trashed folders library.json does not know (a library rebuilt from backups): listed from their meta.json.
  const known = new Set([...trash.map((t) => t.id), ...kept.map((d) => d.id)]);
  for (const id of [...inTrash].sort()) {
    if (known.has(id)) continue;
    try {
      const file = join(layout.trashDir(id), 'meta.json');
      const meta = parseStore(file, await readFile(file, 'utf8'), documentMetaSchema);
      if (meta.id !== id) continue;
      trash.push({ ...meta, deletedAt: now, annotationCount: await countAnnotations(layout, id) });
      changed++;
    } catch {
      /* not a complete document folder: leave it for the user to inspect */
    }
  }
  if (trash.length || library.trash) library.trash = trash;
  return changed;
}

/** A trashed entry as the library lists it again. */
export function untrashed(entry: TrashedDocument): DocumentMeta {
  const { deletedAt: _deletedAt, annotationCount: _count, ...meta } = entry;
  return meta;
}

async function countAnnotations(layout: ArchiveLayout, id: string): Promise<number> {
  try {
    const raw = JSON.parse(await readFile(join(layout.trashDir(id), 'annotations.json'), 'utf8')) as { annotations?: unknown[] };
    return Array.isArray(raw.annotations) ? raw.annotations.length : 0;
  } catch {
    return 0;
  }
}

/**
 * Lists document folders that library.json does not: imports made durable after its last
 * write (a crash, another process), or all of them when the library was lost. Answers how many.
 */
async function adoptFolders(layout: ArchiveLayout, library: LibraryFile): Promise<number> {
  let names: string[];
  try {
    names = await readdir(layout.docs);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return 0;
    throw error;
  }
  const known = new Set(library.documents.map((d) => d.id));
  let adopted = 0;
  for (const name of names.sort()) {
    if (name.startsWith('.') || known.has(name)) continue;
    try {
      const meta = parseStore(layout.docFile(name, 'meta.json'), await readFile(layout.docFile(name, 'meta.json'), 'utf8'), documentMetaSchema);
      if (meta.id !== name) continue;
      library.documents.push(meta);
      adopted++;
    } catch {
      /* not a complete document folder: leave it for the user to inspect */
    }
  }
  return adopted;
}
