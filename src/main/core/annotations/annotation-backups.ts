import { open, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isErrno, syncDir, TMP_SUFFIX } from '../store/durable-file';
import { parseStore } from '../store/json-store';
import type { ArchiveLayout } from '../store/layout';
import { annotationsFileSchema, type AnnotationsFile } from '../store/schemas';

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
 */
export async function writeAnnotationsDurable(layout: ArchiveLayout, docId: string, text: string, firstOfSession: boolean): Promise<void> {
  const file = layout.docFile(docId, 'annotations.json');
  const copy = layout.annotationsBackup(docId, 1);
  const rotated = firstOfSession ? rotateCopy(layout, docId) : Promise.resolve(true);
  // Encoded once for both files (a string is encoded again by each write).
  const bytes = Buffer.from(text, 'utf8');
  const [main, extra] = await Promise.allSettled([writeTemp(file, bytes), rotated.then((ok) => (ok ? writeTemp(copy, bytes) : Promise.reject(new Error('not rotated'))))]);
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
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
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

/** The newest copy that reads whole, with when it was taken; null when there is none. */
export async function newestGoodAnnotationBackup(layout: ArchiveLayout, docId: string): Promise<{ file: string; at: string; data: AnnotationsFile } | null> {
  for (let n = 1; n <= ANNOTATION_BACKUPS; n++) {
    const copy = await readAnnotationCopy(layout.annotationsBackup(docId, n));
    if (copy) return copy;
  }
  return null;
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
