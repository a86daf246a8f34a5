import { rm } from 'node:fs/promises';
import type { Annotation, RichDoc } from '../../../shared/model';
import { exists, isErrno } from '../store/durable-file';
import type { ArchiveLayout } from '../store/layout';
import type { RepairsStore } from '../store/repairs-store';
import type { AnnotationsFile } from '../store/schemas';
import { newestGoodAnnotationBackup, readNamedCopy } from './annotation-backups';
import { appendLine, DurableState, encodeLine } from './annotation-journal';
import { loadAnnotations, type LoadContext } from './load-annotations';
import { fold, type OpenAnnotations } from './open-annotations';

/** How many documents' annotation files stay open; a reader works in a few at a time. */
const OPEN_FILES = 64;

/**
 * The journal is folded into annotations.json once it outgrows the file, and not before it
 * holds this much: a document's first annotations would otherwise be folded every other save
 * (the journal's lines are as long as the file's entries), and replaying 64 KB at load takes
 * well under a millisecond.
 */
const JOURNAL_MIN_BYTES = 64 * 1024;

/**
 * docs/<id>/annotations.json, one lowdb file per document, and its journal
 * (annotation-journal.ts says why). Every change is durable before the promise resolves:
 * one line appended to the journal, or, when the journal has outgrown the file, the file and
 * its copy rewritten ("folded") and the journal emptied. One writer per file at a time.
 * Every reader of a document's annotations goes through here (load applies the journal);
 * a folder that is moved or copied whole (trash, new version, sync) is folded first (exclusive).
 * Loading, and the damage it can meet, is load-annotations.ts; the fold is open-annotations.ts.
 */
export class AnnotationStore {
  private readonly open = new Map<string, Promise<OpenAnnotations>>();
  private readonly loaded = new Map<string, OpenAnnotations>();
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

  /**
   * Applies a change to a document's annotations and makes it durable; undone in memory if the
   * write fails. `touched`: the ids of the only annotations `apply` adds or replaces (it may
   * also remove and reorder), so that only they are compared (DurableState.after); without it,
   * every annotation is, and `apply` may edit them in place.
   */
  async change<T>(docId: string, apply: (data: AnnotationsFile) => T, touched?: ReadonlySet<string>): Promise<T> {
    const file = await this.file(docId);
    file.busy++;
    try {
      return await file.mutex.run(async () => {
        const result = apply(file.db.data);
        try {
          await this.persist(docId, file, touched ? file.durable.after(file.db.data, touched) : DurableState.of(file.db.data));
        } catch (error) {
          file.db.data = file.durable.toData();
          throw error;
        }
        this.onChange?.(docId);
        return result;
      });
    } finally {
      file.busy--;
    }
  }

  /** Makes the document's state (`next`) durable: one journal line, or the whole file when the journal has outgrown it. */
  private async persist(docId: string, file: OpenAnnotations, next: DurableState): Promise<void> {
    const entry = file.durable.entryTo(next, file.db.data);
    if (!entry) return;
    const line = encodeLine(entry);
    const outgrown = file.journalBytes + line.length > Math.max(file.fileBytes, JOURNAL_MIN_BYTES);
    if (file.fileBytes < 0 || file.journalBytes < 0 || next.ambiguous || outgrown) {
      await fold(this.layout, docId, file);
    } else {
      try {
        await appendLine(this.layout.annotationsJournal(docId), line, file.journalBytes);
        file.journalBytes += line.length;
      } catch (error) {
        // Whether the line is there is unknown: the next change writes the whole file instead.
        file.journalBytes = -1;
        if (!isErrno(error, 'ENOENT')) throw error;
        await fold(this.layout, docId, file); // the journal was removed behind our back
      }
    }
    file.durable = next;
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
      return await file.mutex.run(async () => {
        if (this.writable) await this.retireJournal(docId, file);
        return work(structuredClone(file.db.data));
      });
    } finally {
      file.busy--;
      this.forget(docId);
      this.onChange?.(docId);
    }
  }

  /**
   * Folds the journal into annotations.json and removes it: the folder is about to be moved
   * (trash) or copied (versions/, a new version), and every copy of it then holds the
   * annotations in the file the old readers and older programs read.
   */
  private async retireJournal(docId: string, file: OpenAnnotations): Promise<void> {
    const journal = this.layout.annotationsJournal(docId);
    if (file.journalBytes > 0 || (file.journalBytes < 0 && (await exists(journal)))) await fold(this.layout, docId, file);
    // Emptied and fdatasynced by the fold: if this removal is lost in a crash, an empty journal comes back.
    await rm(journal, { force: true });
    file.journalBytes = -1;
  }

  /** A good copy of a document's annotations: the one named (a repair's), else the newest; null if none reads whole. */
  goodCopy(docId: string, file?: string) {
    return file ? readNamedCopy(this.layout, docId, file) : newestGoodAnnotationBackup(this.layout, docId);
  }

  async list(docId: string): Promise<Annotation[]> {
    return [...(await this.read(docId)).annotations].sort(byPosition);
  }

  async note(docId: string): Promise<{ note: RichDoc | null; updatedAt: string | null }> {
    const data = await this.read(docId);
    return { note: data.note, updatedAt: data.noteUpdatedAt ?? null };
  }

  private file(docId: string): Promise<OpenAnnotations> {
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

  private load(docId: string): Promise<OpenAnnotations> {
    const context: LoadContext = { layout: this.layout, writable: this.writable, repairs: this.repairs, notices: this.notices };
    return loadAnnotations(context, docId);
  }
}

export function byPosition(a: Annotation, b: Annotation): number {
  return a.target.start - b.target.start || a.target.end - b.target.end || a.createdAt.localeCompare(b.createdAt);
}
