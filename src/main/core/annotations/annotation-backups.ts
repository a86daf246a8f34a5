import { open, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isErrno, syncDir, TMP_SUFFIX, writeAndFsync, writeFileDurable } from '../store/durable-file';
import { parseStore } from '../store/json-store';
import type { ArchiveLayout } from '../store/layout';
import { annotationsFileSchema, emptyAnnotations, type AnnotationsFile } from '../store/schemas';
import { readJournal, replay } from './annotation-journal';

/**
 * Copies of a document's annotations.json: annotations.backup-1.json holds the newest
 * acknowledged state, annotations.backup-2.json the state when this session first changed it.
 */
export const ANNOTATION_BACKUPS = 2;

let tmpCounter = 0;

/**
 * Writes a document's annotations.json (`text`, its JSON) and keeps the same content as its newest copy
 * (annotations.backup-1.json), in one durable step: both temp files are written and
 * fsynced at once, renamed (the main file first), and the folder fsynced once. Once this
 * resolves the main file is durable, and so is the copy unless it could not be written (a
 * copy that fails does not undo the change). At a session's first change the copy from
 * before moves down to -2 first. Written one after the other, as two writeFileDurable
 * calls, a save waited for four fsyncs in a row: ~20 ms under load (issue #19).
 *
 * The document's journal (annotations.journal) is created here if it is missing, so that the
 * folder fsync makes its name durable too: appends to it then need no fsync of the folder.
 * (The caller truncates it once this resolves: annotation-store.ts fold.)
 */
export async function writeAnnotationsDurable(layout: ArchiveLayout, docId: string, text: string, firstOfSession: boolean): Promise<void> {
  const file = layout.docFile(docId, 'annotations.json');
  const copy = layout.annotationsBackup(docId, 1);
  const rotated = firstOfSession ? rotateCopy(layout, docId) : Promise.resolve(true);
  // Encoded once for both files (a string is encoded again by each write).
  const bytes = Buffer.from(text, 'utf8');
  const [main, extra] = await Promise.allSettled([
    writeTemp(file, bytes),
    rotated.then((ok) => (ok ? writeTemp(copy, bytes) : Promise.reject(new Error('not rotated')))),
    // Without it the next change is folded again: not worth failing this one for.
    open(layout.annotationsJournal(docId), 'a').then((h) => h.close(), () => undefined),
  ]);
  if (main.status === 'rejected') {
    if (extra.status === 'fulfilled') await rm(extra.value, { force: true });
    throw main.reason;
  }
  try {
    await rename(main.value, file);
  } catch (error) {
    await Promise.all([rm(main.value, { force: true }), extra.status === 'fulfilled' ? rm(extra.value, { force: true }) : undefined]);
    throw error;
  }
  if (extra.status === 'fulfilled') await rename(extra.value, copy).catch(() => rm(extra.value, { force: true }));
  await syncDir(dirname(file));
}

/** Moves annotations.backup-1.json to -2 (nothing to move is fine); false when it could not be moved. */
async function rotateCopy(layout: ArchiveLayout, docId: string): Promise<boolean> {
  try {
    await rename(layout.annotationsBackup(docId, 1), layout.annotationsBackup(docId, 2));
    return true;
  } catch (error) {
    return isErrno(error, 'ENOENT');
  }
}

/** A temp file beside `file` holding `bytes`, fsynced; its name, which sweepTempFiles recognises. */
async function writeTemp(file: string, bytes: Uint8Array): Promise<string> {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.a${++tmpCounter}${TMP_SUFFIX}`);
  try {
    await writeAndFsync(tmp, 'w', bytes);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
  return tmp;
}

/** A copy of annotations.json that reads whole, with when it was taken; null when it is missing or damaged. */
export async function readAnnotationCopy(file: string): Promise<{ file: string; at: string; data: AnnotationsFile } | null> {
  try {
    const data = parseStore(file, await readFile(file, 'utf8'), annotationsFileSchema);
    return { file, at: (await stat(file)).mtime.toISOString(), data };
  } catch {
    return null;
  }
}

/**
 * The newest copy that reads whole, with when it was taken; null when there is none. The
 * rotating copies hold the state of the last fold: the journal's changes since are applied
 * to it (the lines that read), so that the copy is the newest acknowledged state.
 */
export async function newestGoodAnnotationBackup(layout: ArchiveLayout, docId: string): Promise<{ file: string; at: string; data: AnnotationsFile } | null> {
  for (let n = 1; n <= ANNOTATION_BACKUPS; n++) {
    const copy = await readAnnotationCopy(layout.annotationsBackup(docId, n));
    if (copy) return withJournal(layout, docId, copy);
  }
  return null;
}

/** A repair's named copy: a rotating copy gets the journal's changes (newestGoodAnnotationBackup), a kept one (.good-) is whole. */
export async function readNamedCopy(layout: ArchiveLayout, docId: string, file: string): Promise<{ file: string; at: string; data: AnnotationsFile } | null> {
  const copy = await readAnnotationCopy(file);
  const rotating = Array.from({ length: ANNOTATION_BACKUPS }, (_, i) => layout.annotationsBackup(docId, i + 1));
  return copy && rotating.includes(file) ? withJournal(layout, docId, copy) : copy;
}

/**
 * The newest acknowledged state kept beside a damaged annotations.json that is being set
 * aside, as annotations.json.good-<time>: the newest copy with the journal applied, or the
 * journal's changes alone when there is no copy. Null when there is nothing to keep.
 */
export async function keepGoodCopy(layout: ArchiveLayout, docId: string): Promise<{ file: string; at: string; data: AnnotationsFile } | null> {
  let good = await newestGoodAnnotationBackup(layout, docId);
  if (!good) {
    const journal = await readJournal(layout.annotationsJournal(docId)).catch(() => null);
    if (journal?.entries.length) good = { file: '', at: new Date().toISOString(), data: replay(emptyAnnotations(), journal.entries) };
  }
  if (!good) return null;
  const kept = `${layout.docFile(docId, 'annotations.json')}.good-${Date.now()}`;
  await writeFileDurable(kept, JSON.stringify(good.data, null, 1));
  return { ...good, file: kept };
}

async function withJournal<T extends { data: AnnotationsFile }>(layout: ArchiveLayout, docId: string, copy: T): Promise<T> {
  const journal = await readJournal(layout.annotationsJournal(docId)).catch(() => null);
  return journal ? { ...copy, data: replay(copy.data, journal.entries) } : copy;
}

/** A backup put back without losing what was written since: current annotations win by id, the current note if there is one. */
export function mergeAnnotations(current: AnnotationsFile, backup: AnnotationsFile): AnnotationsFile {
  const ids = new Set(current.annotations.map((a) => a.id));
  const rejected = [...new Set([...(backup.rejected ?? []), ...(current.rejected ?? [])])];
  const note = current.note ?? backup.note;
  const noteUpdatedAt = current.note ? current.noteUpdatedAt : backup.noteUpdatedAt;
  return {
    version: 1,
    annotations: [...backup.annotations.filter((a) => !ids.has(a.id)), ...current.annotations],
    note,
    ...(noteUpdatedAt ? { noteUpdatedAt } : {}),
    ...(rejected.length ? { rejected } : {}),
  };
}
