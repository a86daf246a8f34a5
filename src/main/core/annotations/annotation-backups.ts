import { readFile, rename, stat } from 'node:fs/promises';
import { isErrno, writeFileDurable } from '../store/durable-file';
import { parseStore } from '../store/json-store';
import type { ArchiveLayout } from '../store/layout';
import { annotationsFileSchema, type AnnotationsFile } from '../store/schemas';

/** How many copies of a document's annotations.json are kept (annotations.backup-1.json newest). */
export const ANNOTATION_BACKUPS = 2;
/** A fresh copy is taken at the first change of a session and then every this many changes. */
export const BACKUP_EVERY = 50;

/**
 * Keeps the state before a change as the newest copy, the older one moving down. The copy
 * is what was in memory — data this program read whole or wrote itself — so it is good.
 */
export async function rotateAnnotationBackup(layout: ArchiveLayout, docId: string, data: AnnotationsFile): Promise<void> {
  for (let n = ANNOTATION_BACKUPS; n > 1; n--) {
    try {
      await rename(layout.annotationsBackup(docId, n - 1), layout.annotationsBackup(docId, n));
    } catch (error) {
      if (!isErrno(error, 'ENOENT')) throw error;
    }
  }
  await writeFileDurable(layout.annotationsBackup(docId, 1), JSON.stringify(data, null, 1));
}

/** The newest copy that reads whole, with when it was taken; null when there is none. */
export async function newestGoodAnnotationBackup(layout: ArchiveLayout, docId: string): Promise<{ file: string; at: string; data: AnnotationsFile } | null> {
  for (let n = 1; n <= ANNOTATION_BACKUPS; n++) {
    const file = layout.annotationsBackup(docId, n);
    try {
      const data = parseStore(file, await readFile(file, 'utf8'), annotationsFileSchema);
      return { file, at: (await stat(file)).mtime.toISOString(), data };
    } catch {
      /* missing or damaged: try the older one */
    }
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
