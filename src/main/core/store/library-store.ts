import { copyFile, mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Low } from 'lowdb';
import { ApiError } from '../../../shared/api';
import type { Collection, DocType, DocumentMeta, SavedSearch, Settings } from '../../../shared/model';
import { exists, isErrno, syncDir, writeFileDurable } from './durable-file';
import { mutateCopy, openJsonStore, parseStore, StoreDamagedError } from './json-store';
import type { ArchiveLayout } from './layout';
import { Mutex } from './mutex';
import { defaultSettings, documentMetaSchema, emptyLibrary, libraryFileSchema, type LibraryFile } from './schemas';

const KEEP_BACKUPS = 10;
const stamp = () => new Date().toISOString().replace(/[:.]/g, '-');

/**
 * library.json: the small index of every document's metadata. Each document folder keeps
 * its own meta.json too, so the library can always be rebuilt from the folders.
 */
export class LibraryStore {
  private readonly byId = new Map<string, DocumentMeta>();
  private readonly bySha = new Map<string, DocumentMeta>();
  private readonly mutex = new Mutex();
  private readonly pendingAdds: { doc: DocumentMeta; resolve: () => void; reject: (error: unknown) => void }[] = [];

  private constructor(
    private readonly db: Low<LibraryFile>,
    readonly notices: string[],
  ) {
    for (const doc of db.data.documents) this.remember(doc);
  }

  static async open(layout: ArchiveLayout, writable: boolean): Promise<LibraryStore> {
    const db = openJsonStore(layout.library, libraryFileSchema, emptyLibrary());
    const notices: string[] = [];
    let needsRebuild = false;
    const present = await exists(layout.library);
    try {
      await db.read();
      if (!present) needsRebuild = true;
      else if (writable) await rotateBackup(layout);
    } catch (error) {
      if (!(error instanceof StoreDamagedError)) throw error;
      db.data = await recover(layout, writable, error, notices);
      needsRebuild = true;
    }
    if (needsRebuild) await adoptOrphans(layout, db.data, notices);
    const store = new LibraryStore(db, notices);
    if (writable && needsRebuild && (db.data.documents.length > 0 || notices.length > 0)) await db.write();
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
    const name = sourceName.toLowerCase();
    const docs = this.db.data.documents;
    return docs.find((d) => d.sourceName.toLowerCase() === name) ?? docs.find((d) => d.title === title && d.type === type);
  }

  settings(): Settings {
    return this.db.data.settings ?? defaultSettings();
  }

  collections(): readonly Collection[] {
    return this.db.data.collections ?? [];
  }

  savedSearches(): readonly SavedSearch[] {
    return this.db.data.savedSearches ?? [];
  }

  /** Changes library.json: edits a copy, writes it durably, then makes it current. */
  mutate<T>(apply: (draft: LibraryFile) => T): Promise<T> {
    return mutateCopy(this.db, this.mutex, apply, () => this.reindex());
  }

  /**
   * Adds a document. Adds that arrive while a write is under way are committed together in
   * the next write (group commit): rewriting library.json per file would cap imports at
   * ~25 files/s at 10,000 documents. No clone either: a failed write takes its adds back out.
   */
  add(doc: DocumentMeta): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pendingAdds.push({ doc, resolve, reject });
      if (this.pendingAdds.length === 1) {
        void this.mutex.run(() => this.commitAdds());
      }
    });
  }

  private async commitAdds(): Promise<void> {
    const batch = this.pendingAdds.splice(0);
    if (batch.length === 0) return;
    const added = batch.map((b) => b.doc);
    try {
      // Readers see a document only once it is durable.
      await this.db.adapter.write({ ...this.db.data, documents: [...this.db.data.documents, ...added] });
    } catch (error) {
      for (const { reject } of batch) reject(error);
      return;
    }
    this.db.data.documents.push(...added);
    for (const { doc, resolve } of batch) {
      this.remember(doc);
      resolve();
    }
  }

  update(id: string, change: (doc: DocumentMeta) => DocumentMeta): Promise<DocumentMeta> {
    return this.mutate((draft) => {
      const index = draft.documents.findIndex((d) => d.id === id);
      const before = draft.documents[index];
      if (!before) throw new ApiError('not_found', `No document with id ${id} in this archive.`);
      return (draft.documents[index] = change(before));
    });
  }

  private reindex() {
    this.byId.clear();
    this.bySha.clear();
    for (const doc of this.db.data.documents) this.remember(doc);
  }

  private remember(doc: DocumentMeta) {
    this.byId.set(doc.id, doc);
    this.bySha.set(doc.sha256, doc);
  }
}


/** Keeps the last good library.json of each session start, newest KEEP_BACKUPS. */
async function rotateBackup(layout: ArchiveLayout): Promise<void> {
  await mkdir(layout.backups, { recursive: true });
  await copyFile(layout.library, join(layout.backups, `library-${stamp()}.json`));
  await syncDir(layout.backups);
  const names = (await listBackups(layout)).slice(KEEP_BACKUPS);
  for (const name of names) await rm(join(layout.backups, name), { force: true });
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

/** A damaged library.json is set aside, never overwritten, and replaced by the newest good backup. */
async function recover(layout: ArchiveLayout, writable: boolean, damage: StoreDamagedError, notices: string[]): Promise<LibraryFile> {
  let aside = '';
  if (writable) {
    aside = `${layout.library}.damaged-${stamp()}`;
    await rename(layout.library, aside);
    await syncDir(layout.root);
  }
  for (const name of await listBackups(layout)) {
    const file = join(layout.backups, name);
    try {
      const data = parseStore(file, await readFile(file, 'utf8'), libraryFileSchema);
      if (writable) await writeFileDurable(layout.library, JSON.stringify(data, null, 1));
      notices.push(`${damage.message}. ${aside ? `It was set aside as ${aside} and the` : 'The'} library was restored from the backup ${file}.`);
      return data;
    } catch {
      /* try the next older backup */
    }
  }
  notices.push(`${damage.message}. ${aside ? `It was set aside as ${aside}; ` : ''}no good backup was found, so the library was rebuilt from the document folders.`);
  return emptyLibrary();
}

/** Document folders the library does not list (lost library, restored backup) are listed again from their meta.json. */
async function adoptOrphans(layout: ArchiveLayout, library: LibraryFile, notices: string[]): Promise<void> {
  let names: string[];
  try {
    names = await readdir(layout.docs);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return;
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
  if (adopted > 0) notices.push(`${adopted} document(s) found in the archive folder were listed in the library again.`);
}
