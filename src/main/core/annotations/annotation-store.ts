import { copyFile, rename } from 'node:fs/promises';
import type { Low } from 'lowdb';
import type { Annotation, RichDoc } from '../../../shared/model';
import { sweepTempFiles } from '../store/durable-file';
import { openJsonStore, StoreDamagedError } from '../store/json-store';
import type { ArchiveLayout } from '../store/layout';
import { Mutex } from '../store/mutex';
import type { RepairsStore } from '../store/repairs-store';
import { annotationsFileSchema, emptyAnnotations, type AnnotationsFile } from '../store/schemas';
import { newestGoodAnnotationBackup, readAnnotationCopy, writeAnnotationsDurable } from './annotation-backups';

/** How many documents' annotation files stay open; a reader works in a few at a time. */
const OPEN_FILES = 64;

interface OpenFile {
  db: Low<AnnotationsFile>;
  mutex: Mutex;
  /** changes under way: a busy file is never dropped, or a reload could miss its write */
  busy: number;
  /** whether this session changed the file yet (its first change rotates the copies) */
  changed: boolean;
  /** what this session last wrote to the file, as JSON */
  written?: string;
}

/**
 * docs/<id>/annotations.json, one lowdb file per document. Every change is written and
 * fsynced before the promise resolves, one writer per file at a time.
 */
export class AnnotationStore {
  private readonly open = new Map<string, Promise<OpenFile>>();
  private readonly loaded = new Map<string, OpenFile>();
  readonly notices: string[] = [];
  /** told the document whose annotations or note were just written — sync's change log listens */
  onChange: ((docId: string) => void) | null = null;

  constructor(
    private readonly layout: ArchiveLayout,
    /** a read-only archive changes nothing on disk, not even to set a damaged file aside */
    private readonly writable = true,
    /** where a file set aside is recorded, so that the user is told until they dismiss it */
    private readonly repairs: RepairsStore | null = null,
  ) {}

  async read(docId: string): Promise<AnnotationsFile> {
    const file = await this.file(docId);
    return file.db.data;
  }

  /** Applies a change to a document's annotations file and makes it durable; undone in memory if the write fails. */
  async change<T>(docId: string, apply: (data: AnnotationsFile) => T): Promise<T> {
    const file = await this.file(docId);
    file.busy++;
    try {
      return await file.mutex.run(async () => {
        // The state a failed write goes back to, as text: a structured clone of every
        // annotation at every save cost more than the rest of the save's own work (issue #19).
        const before = file.written ?? JSON.stringify(file.db.data);
        const result = apply(file.db.data);
        const text = JSON.stringify(file.db.data, null, 1);
        try {
          await writeAnnotationsDurable(this.layout, docId, text, !file.changed);
        } catch (error) {
          file.db.data = JSON.parse(before) as AnnotationsFile;
          throw error;
        }
        file.changed = true;
        file.written = text;
        this.onChange?.(docId);
        return result;
      });
    } finally {
      file.busy--;
    }
  }

  /**
   * Runs `work` with the document's annotations file held: no change can slip in between
   * reading the annotations and replacing the folder (a new version). The cached file is
   * dropped afterwards, so the next read sees the new folder.
   */
  async exclusive<T>(docId: string, work: (data: AnnotationsFile) => Promise<T>): Promise<T> {
    const file = await this.file(docId);
    file.busy++;
    try {
      return await file.mutex.run(() => work(structuredClone(file.db.data)));
    } finally {
      file.busy--;
      this.forget(docId);
      this.onChange?.(docId);
    }
  }

  /** A good copy of a document's annotations.json: the one named (a repair's), else the newest; null if none reads whole. */
  goodCopy(docId: string, file?: string) {
    return file ? readAnnotationCopy(file) : newestGoodAnnotationBackup(this.layout, docId);
  }

  async list(docId: string): Promise<Annotation[]> {
    return [...(await this.read(docId)).annotations].sort(byPosition);
  }

  async note(docId: string): Promise<{ note: RichDoc | null; updatedAt: string | null }> {
    const data = await this.read(docId);
    return { note: data.note, updatedAt: data.noteUpdatedAt ?? null };
  }

  private file(docId: string): Promise<OpenFile> {
    let file = this.open.get(docId);
    if (file) {
      // Most recently used last, so the oldest is dropped first.
      this.open.delete(docId);
      this.open.set(docId, file);
      return file;
    }
    file = this.load(docId);
    file.then(
      (f) => this.loaded.set(docId, f),
      () => this.open.delete(docId),
    );
    this.open.set(docId, file);
    this.evict();
    return file;
  }

  private evict(): void {
    for (const id of this.open.keys()) {
      if (this.open.size <= OPEN_FILES) return;
      const file = this.loaded.get(id);
      if (!file || file.busy > 0) continue;
      this.open.delete(id);
      this.loaded.delete(id);
    }
  }

  /** Forgets a document's open file (after its folder was replaced or removed). */
  forget(docId: string): void {
    this.open.delete(docId);
    this.loaded.delete(docId);
  }

  private async load(docId: string): Promise<OpenFile> {
    const path = this.layout.docFile(docId, 'annotations.json');
    const db = openJsonStore(path, annotationsFileSchema, emptyAnnotations());
    // A writer killed mid-save leaves a temp file here; the first use of the folder clears it.
    if (this.writable) await sweepTempFiles(this.layout.docDir(docId));
    try {
      await db.read();
    } catch (error) {
      if (!(error instanceof StoreDamagedError)) throw error;
      if (!this.writable) {
        this.notices.push(`${error.message}. Open the archive for writing to set it aside.`);
        db.data = emptyAnnotations();
        await this.recordDamage(docId, error, undefined);
        return { db, mutex: new Mutex(), busy: 0, changed: false };
      }
      // Never overwrite what we cannot read: set it aside for the user and start empty.
      const aside = `${path}.damaged-${Date.now()}`;
      await rename(path, aside);
      this.notices.push(`${error.message}. It was set aside as ${aside}; this document starts without annotations.`);
      db.data = emptyAnnotations();
      await this.recordDamage(docId, error, aside);
    }
    return { db, mutex: new Mutex(), busy: 0, changed: false };
  }

  private async recordDamage(docId: string, error: StoreDamagedError, aside: string | undefined): Promise<void> {
    if (!this.repairs) return;
    let backup = await newestGoodAnnotationBackup(this.layout, docId);
    // The rotating copies move on with the next change: the good one is kept beside the damaged file for the repair.
    if (backup && aside) {
      const kept = `${this.layout.docFile(docId, 'annotations.json')}.good-${Date.now()}`;
      await copyFile(backup.file, kept);
      backup = { ...backup, file: kept };
    }
    const restorable = backup ? ` A good copy with ${backup.data.annotations.length} annotation(s) can be restored.` : ' No backup copy exists.';
    await this.repairs.record({
      file: error.file,
      docId,
      problem: error.message,
      action: `${aside ? 'Set aside' : 'Shown as empty (read-only)'}; the document shows no annotations until it is restored.${restorable}`,
      ...(aside ? { setAsideAs: aside } : {}),
      ...(backup ? { backup: backup.file, backupAt: backup.at } : {}),
    });
  }
}

export function byPosition(a: Annotation, b: Annotation): number {
  return a.target.start - b.target.start || a.target.end - b.target.end || a.createdAt.localeCompare(b.createdAt);
}
