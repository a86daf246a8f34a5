import { readFile, rename, stat } from 'node:fs/promises';
import { isErrno, writeFileDurable } from '../store/durable-file';
import { parseStore } from '../store/json-store';
import type { ArchiveLayout } from '../store/layout';
import { annotationsFileSchema, type AnnotationsFile } from '../store/schemas';

/**
 * Copies of a document's annotations.json: annotations.backup-1.json holds the newest
 * acknowledged state, annotations.backup-2.json the state when this session first changed it.
 */
export const ANNOTATION_BACKUPS = 2;

/**
 * Keeps `data` (just written, so whole and good) as the newest copy; at a session's first
 * change the copy from before moves down to -2 first. Costs one more small fsynced write
 * per change (~1 ms), so that a damaged file loses nothing that was acknowledged.
 */
export async function keepAnnotationBackup(layout: ArchiveLayout, docId: string, data: AnnotationsFile, firstOfSession: boolean): Promise<void> {
  if (firstOfSession) {
    try {
      await rename(layout.annotationsBackup(docId, 1), layout.annotationsBackup(docId, 2));
    } catch (error) {
      if (!isErrno(error, 'ENOENT')) throw error;
    }
  }
  await writeFileDurable(layout.annotationsBackup(docId, 1), JSON.stringify(data, null, 1));
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
