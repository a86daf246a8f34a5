import { rm } from 'node:fs/promises';
import type { Low } from 'lowdb';
import { isErrno } from '../store/durable-file';
import type { ArchiveLayout } from '../store/layout';
import type { Mutex } from '../store/mutex';
import type { AnnotationsFile } from '../store/schemas';
import { writeAnnotationsDurable } from './annotation-backups';
import { truncateJournal, type DurableState } from './annotation-journal';

/** One document's annotations as AnnotationStore holds them open: the data, and what is durable of it on disk. */
export interface OpenAnnotations {
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
 * Writes annotations.json and its copy whole, then empties the journal. A crash between
 * the two leaves lines that are already in the file: replayed over it, they give the same
 * state (each is absolute). If the journal could not be emptied it must not be replayed
 * over a later fold: it is removed, and if even that fails the change is refused.
 */
export async function fold(layout: ArchiveLayout, docId: string, file: OpenAnnotations): Promise<void> {
  const text = JSON.stringify(file.db.data, null, 1);
  await writeAnnotationsDurable(layout, docId, text, !file.folded);
  file.folded = true;
  file.fileBytes = Buffer.byteLength(text);
  file.journalBytes = -1;
  const journal = layout.annotationsJournal(docId);
  try {
    await truncateJournal(journal, 0);
    file.journalBytes = 0;
  } catch (error) {
    if (!isErrno(error, 'ENOENT')) await rm(journal, { force: true });
  }
}
