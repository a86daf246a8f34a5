import { copyFile, rename, rm, stat } from 'node:fs/promises';
import type { Low } from 'lowdb';
import type { Annotation, RichDoc } from '../../../shared/model';
import { exists, isErrno, sweepTempFiles } from '../store/durable-file';
import { openJsonStore, StoreDamagedError } from '../store/json-store';
import type { ArchiveLayout } from '../store/layout';
import { Mutex } from '../store/mutex';
import type { RepairsStore } from '../store/repairs-store';
import { annotationsFileSchema, emptyAnnotations, type AnnotationsFile } from '../store/schemas';
import { keepGoodCopy, newestGoodAnnotationBackup, readNamedCopy, writeAnnotationsDurable } from './annotation-backups';
import { appendLine, DurableState, encodeLine, readJournal, replay, truncateJournal, type ReadJournal } from './annotation-journal';

/** How many documents' annotation files stay open; a reader works in a few at a time. */
const OPEN_FILES = 64;

/**
 * The journal is folded into annotations.json once it outgrows the file, and not before it
 * holds this much: a document's first annotations would otherwise be folded every other save
 * (the journal's lines are as long as the file's entries), and replaying 64 KB at load takes
 * well under a millisecond.
 */
const JOURNAL_MIN_BYTES = 64 * 1024;

interface OpenFile {
  db: Low<AnnotationsFile>;
  mutex: Mutex;
  /** changes under way: a busy file is never dropped, or a reload could miss its write */
  busy: number;
  /** whether this session folded the file yet (its first fold rotates the copies) */
  folded: boolean;
  /** what is durable: annotations.json with the journal's lines applied */
  durable: DurableState;
  /** annotations.json's size; -1 when there is none (the next change writes it) */
  fileBytes: number;
  /** the journal's size; -1 when there is none, or a failed write left it unknown (the next change folds) */
  journalBytes: number;
}

/**
 * docs/<id>/annotations.json, one lowdb file per document, and its journal
 * (annotation-journal.ts says why). Every change is durable before the promise resolves:
 * one line appended to the journal, or, when the journal has outgrown the file, the file and
 * its copy rewritten ("folded") and the journal emptied. One writer per file at a time.
 * Every reader of a document's annotations goes through here (load applies the journal);
 * a folder that is moved or copied whole (trash, new version, sync) is folded first (exclusive).
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

  /** Applies a change to a document's annotations and makes it durable; undone in memory if the write fails. */
  async change<T>(docId: string, apply: (data: AnnotationsFile) => T): Promise<T> {
    const file = await this.file(docId);
    file.busy++;
    try {
      return await file.mutex.run(async () => {
        const result = apply(file.db.data);
        try {
          await this.persist(docId, file, DurableState.of(file.db.data));
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
  private async persist(docId: string, file: OpenFile, next: DurableState): Promise<void> {
    const entry = file.durable.entryTo(next, file.db.data);
    if (!entry) return;
    const line = encodeLine(entry);
    const outgrown = file.journalBytes + line.length > Math.max(file.fileBytes, JOURNAL_MIN_BYTES);
    if (file.fileBytes < 0 || file.journalBytes < 0 || next.ambiguous || outgrown) {
      await this.fold(docId, file);
    } else {
      try {
        await appendLine(this.layout.annotationsJournal(docId), line, file.journalBytes);
        file.journalBytes += line.length;
      } catch (error) {
        // Whether the line is there is unknown: the next change writes the whole file instead.
        file.journalBytes = -1;
        if (!isErrno(error, 'ENOENT')) throw error;
        await this.fold(docId, file); // the journal was removed behind our back
      }
    }
    file.durable = next;
  }

  /**
   * Writes annotations.json and its copy whole, then empties the journal. A crash between
   * the two leaves lines that are already in the file: replayed over it, they give the same
   * state (each is absolute). If the journal could not be emptied it must not be replayed
   * over a later fold: it is removed, and if even that fails the change is refused.
   */
  private async fold(docId: string, file: OpenFile): Promise<void> {
    const text = JSON.stringify(file.db.data, null, 1);
    await writeAnnotationsDurable(this.layout, docId, text, !file.folded);
    file.folded = true;
    file.fileBytes = Buffer.byteLength(text);
    file.journalBytes = -1;
    const journal = this.layout.annotationsJournal(docId);
    try {
      await truncateJournal(journal, 0);
      file.journalBytes = 0;
    } catch (error) {
      if (!isErrno(error, 'ENOENT')) await rm(journal, { force: true });
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
  private async retireJournal(docId: string, file: OpenFile): Promise<void> {
    const journal = this.layout.annotationsJournal(docId);
    if (file.journalBytes > 0 || (file.journalBytes < 0 && (await exists(journal)))) await this.fold(docId, file);
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
    const file: OpenFile = { db, mutex: new Mutex(), busy: 0, folded: false, durable: DurableState.of(db.data), fileBytes: -1, journalBytes: -1 };
    let journal: ReadJournal | null;
    try {
      ({ journal, fileBytes: file.fileBytes } = await this.readFileAndJournal(docId, db));
    } catch (error) {
      if (!(error instanceof StoreDamagedError)) throw error;
      await this.damagedFile(docId, file, error);
      return file;
    }
    db.data = replay(db.data, journal?.entries ?? []);
    file.durable = DurableState.of(db.data);
    if (!journal) return file;
    file.journalBytes = journal.bytes;
    // The next line must not join a line cut short by a crash (never acknowledged): it goes.
    if (journal.torn && this.writable) await truncateJournal(this.layout.annotationsJournal(docId), journal.bytes);
    if (journal.damaged.length) await this.damagedJournal(docId, file, journal);
    return file;
  }

  /**
   * annotations.json, then its journal. A reader beside a writer (a read-only program) can
   * meet a fold between the two reads: it reads again when the file changed meanwhile.
   */
  private async readFileAndJournal(docId: string, db: Low<AnnotationsFile>): Promise<{ journal: ReadJournal | null; fileBytes: number }> {
    const path = this.layout.docFile(docId, 'annotations.json');
    const look = (at: string) => stat(at).then((s) => ({ size: s.size, key: `${s.ino}:${s.size}:${s.mtimeMs}` }), () => null);
    for (let attempt = 1; ; attempt++) {
      const before = await look(path);
      db.data = emptyAnnotations();
      await db.read();
      const journal = await readJournal(this.layout.annotationsJournal(docId));
      const fileBytes = before?.size ?? -1;
      if (this.writable || attempt === 3 || (await look(path))?.key === before?.key) return { journal, fileBytes };
    }
  }

  /** annotations.json does not read: set aside (when writable) with a good copy kept for the repair; the document starts empty. */
  private async damagedFile(docId: string, file: OpenFile, error: StoreDamagedError): Promise<void> {
    file.db.data = emptyAnnotations();
    file.durable = DurableState.of(file.db.data);
    if (!this.writable) {
      this.notices.push(`${error.message}. Open the archive for writing to set it aside.`);
      await this.recordDamage(docId, error, undefined);
      return;
    }
    // Never overwrite what we cannot read: set it aside for the user and start empty.
    const path = this.layout.docFile(docId, 'annotations.json');
    const aside = `${path}.damaged-${Date.now()}`;
    await rename(path, aside);
    this.notices.push(`${error.message}. It was set aside as ${aside}; this document starts without annotations.`);
    await this.recordDamage(docId, error, aside);
    // The journal's lines are in the good copy kept for the repair; replayed over an empty file they would bring back half of them.
    await truncateJournal(this.layout.annotationsJournal(docId), 0).catch((e: unknown) => {
      if (!isErrno(e, 'ENOENT')) throw e;
    });
  }

  private async recordDamage(docId: string, error: StoreDamagedError, aside: string | undefined): Promise<void> {
    // Set aside: the rotating copies move on with the next change, so the good one is kept beside the damaged file for the repair.
    const backup = aside ? await keepGoodCopy(this.layout, docId) : await newestGoodAnnotationBackup(this.layout, docId);
    if (!this.repairs) return;
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

  /**
   * Whole lines of the journal that do not check out (a bad disk, an edit by hand): their
   * changes are left out and reported; when writable the journal is set aside and the rest
   * folded, so they are not met again.
   */
  private async damagedJournal(docId: string, file: OpenFile, journal: ReadJournal): Promise<void> {
    const path = this.layout.annotationsJournal(docId);
    const problem = `${path} is damaged: ${journal.damaged.map((d) => `line ${d.line}: ${d.reason}`).join('; ')}`;
    let aside: string | undefined;
    if (this.writable) {
      aside = `${path}.damaged-${Date.now()}`;
      await copyFile(path, aside);
      await this.fold(docId, file);
    }
    const action = aside
      ? `The change(s) on those line(s) are left out; the journal was set aside as ${aside} and annotations.json written from the rest.`
      : 'The change(s) on those line(s) are left out (read-only); open the archive for writing to set the journal aside.';
    this.notices.push(`${problem}. ${action}`);
    await this.repairs?.record({ file: path, docId, problem, action, ...(aside ? { setAsideAs: aside } : {}) });
  }
}

export function byPosition(a: Annotation, b: Annotation): number {
  return a.target.start - b.target.start || a.target.end - b.target.end || a.createdAt.localeCompare(b.createdAt);
}
