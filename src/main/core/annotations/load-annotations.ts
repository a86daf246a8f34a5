import { copyFile, rename, stat } from 'node:fs/promises';
import type { Low } from 'lowdb';
import { isErrno, sweepTempFiles } from '../store/durable-file';
import { openJsonStore, StoreDamagedError } from '../store/json-store';
import type { ArchiveLayout } from '../store/layout';
import { Mutex } from '../store/mutex';
import type { RepairsStore } from '../store/repairs-store';
import { annotationsFileSchema, emptyAnnotations, type AnnotationsFile } from '../store/schemas';
import { keepGoodCopy, newestGoodAnnotationBackup } from './annotation-backups';
import { DurableState, readJournal, replay, truncateJournal, type ReadJournal } from './annotation-journal';
import { fold, type OpenAnnotations } from './open-annotations';

/** What loading a document's annotations needs from its AnnotationStore. */
export interface LoadContext {
  layout: ArchiveLayout;
  /** a read-only archive changes nothing on disk, not even to set a damaged file aside */
  writable: boolean;
  /** where a file set aside is recorded, so that the user is told until they dismiss it */
  repairs: RepairsStore | null;
  /** sentences for the user about damage met while loading */
  notices: string[];
}

/**
 * Reads docs/<id>/annotations.json and replays its journal over it. Damage in either is
 * reported (notices, repairs) and, when writable, set aside: the document then opens with
 * what could be read, never with a guess.
 */
export async function loadAnnotations(ctx: LoadContext, docId: string): Promise<OpenAnnotations> {
  const path = ctx.layout.docFile(docId, 'annotations.json');
  const db = openJsonStore(path, annotationsFileSchema, emptyAnnotations());
  // A writer killed mid-save leaves a temp file here; the first use of the folder clears it.
  if (ctx.writable) await sweepTempFiles(ctx.layout.docDir(docId));
  const file: OpenAnnotations = { db, mutex: new Mutex(), busy: 0, folded: false, durable: DurableState.of(db.data), fileBytes: -1, journalBytes: -1 };
  let journal: ReadJournal | null;
  try {
    ({ journal, fileBytes: file.fileBytes } = await readFileAndJournal(ctx, docId, db));
  } catch (error) {
    if (!(error instanceof StoreDamagedError)) throw error;
    await damagedFile(ctx, docId, file, error);
    return file;
  }
  db.data = replay(db.data, journal?.entries ?? []);
  file.durable = DurableState.of(db.data);
  if (!journal) return file;
  file.journalBytes = journal.bytes;
  // The next line must not join a line cut short by a crash (never acknowledged): it goes.
  if (journal.torn && ctx.writable) await truncateJournal(ctx.layout.annotationsJournal(docId), journal.bytes);
  if (journal.damaged.length) await damagedJournal(ctx, docId, file, journal);
  return file;
}

/**
 * annotations.json, then its journal. A reader beside a writer (a read-only program) can
 * meet a fold between the two reads: it reads again when the file changed meanwhile.
 */
async function readFileAndJournal(ctx: LoadContext, docId: string, db: Low<AnnotationsFile>): Promise<{ journal: ReadJournal | null; fileBytes: number }> {
  const path = ctx.layout.docFile(docId, 'annotations.json');
  const look = (at: string) => stat(at).then((s) => ({ size: s.size, key: `${s.ino}:${s.size}:${s.mtimeMs}` }), () => null);
  for (let attempt = 1; ; attempt++) {
    const before = await look(path);
    db.data = emptyAnnotations();
    await db.read();
    const journal = await readJournal(ctx.layout.annotationsJournal(docId));
    const fileBytes = before?.size ?? -1;
    if (ctx.writable || attempt === 3 || (await look(path))?.key === before?.key) return { journal, fileBytes };
  }
}

/** annotations.json does not read: set aside (when writable) with a good copy kept for the repair; the document starts empty. */
async function damagedFile(ctx: LoadContext, docId: string, file: OpenAnnotations, error: StoreDamagedError): Promise<void> {
  file.db.data = emptyAnnotations();
  file.durable = DurableState.of(file.db.data);
  if (!ctx.writable) {
    ctx.notices.push(`${error.message}. Open the archive for writing to set it aside.`);
    await recordDamage(ctx, docId, error, undefined);
    return;
  }
  // Never overwrite what we cannot read: set it aside for the user and start empty.
  const path = ctx.layout.docFile(docId, 'annotations.json');
  const aside = `${path}.damaged-${Date.now()}`;
  await rename(path, aside);
  ctx.notices.push(`${error.message}. It was set aside as ${aside}; this document starts without annotations.`);
  await recordDamage(ctx, docId, error, aside);
  // The journal's lines are in the good copy kept for the repair; replayed over an empty file they would bring back half of them.
  await truncateJournal(ctx.layout.annotationsJournal(docId), 0).catch((e: unknown) => {
    if (!isErrno(e, 'ENOENT')) throw e;
  });
}

async function recordDamage(ctx: LoadContext, docId: string, error: StoreDamagedError, aside: string | undefined): Promise<void> {
  // Set aside: the rotating copies move on with the next change, so the good one is kept beside the damaged file for the repair.
  const backup = aside ? await keepGoodCopy(ctx.layout, docId) : await newestGoodAnnotationBackup(ctx.layout, docId);
  if (!ctx.repairs) return;
  const restorable = backup ? ` A good copy with ${backup.data.annotations.length} annotation(s) can be restored.` : ' No backup copy exists.';
  await ctx.repairs.record({
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
async function damagedJournal(ctx: LoadContext, docId: string, file: OpenAnnotations, journal: ReadJournal): Promise<void> {
  const path = ctx.layout.annotationsJournal(docId);
  const problem = `${path} is damaged: ${journal.damaged.map((d) => `line ${d.line}: ${d.reason}`).join('; ')}`;
  let aside: string | undefined;
  if (ctx.writable) {
    aside = `${path}.damaged-${Date.now()}`;
    await copyFile(path, aside);
    await fold(ctx.layout, docId, file);
  }
  const action = aside
    ? `The change(s) on those line(s) are left out; the journal was set aside as ${aside} and annotations.json written from the rest.`
    : 'The change(s) on those line(s) are left out (read-only); open the archive for writing to set the journal aside.';
  ctx.notices.push(`${problem}. ${action}`);
  await ctx.repairs?.record({ file: path, docId, problem, action, ...(aside ? { setAsideAs: aside } : {}) });
}
