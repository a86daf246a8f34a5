/**
 * Opening the library: its documents loaded from library.bin and the log (or rebuilt from the
 * document folders), library.json recovered from its backups, the trash reconciled with the
 * folders on disk. LibraryStore.open calls these; split from library-store.ts to keep each
 * file about one thing.
 */
import { readdir, readFile, rename, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { DocType, DocumentMeta, TrashedDocument } from '../../../shared/model';
import { readAnnotationsFolder } from '../annotations/annotation-journal';
import { exists, folderNames, isErrno, syncDir, writeFileDurable } from './durable-file';
import { keepCopy, newestGoodCopy } from './file-copies';
import type { StoreDamagedError } from './json-store';
import { parseStore } from './json-store';
import type { ArchiveLayout } from './layout';
import { type CompactColumns, CompactDamagedError, readCompactColumns, type TitleRanks } from './library-compact';
import { replayJournal } from './library-journal';
import { applyEntry, applySmallParts, type LogEntry, noteEdits, readLog } from './library-log';
import type { RepairsStore } from './repairs-store';
import { documentMetaSchema, emptyLibrary, libraryFileSchema, smallLibraryFile, type LibraryFile } from './schemas';

const KEEP_BACKUPS = 10;
const stamp = () => new Date().toISOString().replace(/[:.]/g, '-');

export interface Loaded {
  /** the generation of the log that continues what was loaded */
  gen: number;
  /** library.bin or the log was damaged, missing or did not fit: library.bin is written again at open */
  needsCompact: boolean;
  /** the log on disk continues library.bin and can be appended to (else a new one is started) */
  logCurrent: boolean;
  logBytes: number;
  compactBytes: number;
  /** the last log line's number */
  lastSeq: number;
  /** documents the replayed log edited beyond their meta.json (LogEntry.asImported) */
  edited: Set<string>;
  /**
   * library.bin's documents as columns, with the log lines to replay over them (their
   * document parts: the small parts are applied to `data` already): the documents are made
   * objects when first asked for (LibraryState.materialize); null when they are in `data`.
   */
  unmade: Unmade | null;
  /** library.bin's title ranks (format 2) for its documents as objects, once they are made (LibraryState) */
  titles?: TitleRanks | null;
}

/** The library's documents before they are made objects: library.bin's columns, and the log's lines since. */
export interface Unmade {
  columns: CompactColumns;
  entries: LogEntry[];
}

/**
 * Puts the documents into `data` (library.json's small parts, read already): library.bin with
 * the log replayed over it. A damaged library.bin is set aside and the library rebuilt from
 * the document folders (adoptFolders, after this) with the log replayed; an unreadable log line
 * is reported and skipped (each line holds whole documents, so a later line still applies).
 */
export async function loadDocuments(layout: ArchiveLayout, data: LibraryFile, recovered: boolean, notices: string[], repairs: RepairsStore | null): Promise<Loaded> {
  let compact: CompactColumns | null = null;
  let damage: CompactDamagedError | null = null;
  let compactBytes = 0;
  try {
    compact = await readCompactColumns(layout.libraryCompact);
    compactBytes = compact ? (await stat(layout.libraryCompact)).size : 0;
  } catch (error) {
    if (!(error instanceof CompactDamagedError)) throw error;
    damage = error;
  }
  const log = await readLog(layout.libraryLog);
  // Without library.bin: the documents of a recovered version 1 backup, or none; the folders fill in the rest.
  // With library.bin, its documents stay columns until asked for (LibraryState.materialize).
  data.documents = compact ? [] : recovered ? data.documents : [];
  data.version = 2;
  const unmade: Unmade | null = compact ? { columns: compact, entries: [] } : null;
  const loaded: Loaded = { gen: compact?.logGen ?? 0, needsCompact: false, logCurrent: false, logBytes: 0, compactBytes, lastSeq: log?.entries.at(-1)?.seq ?? 0, edited: new Set(), unmade };
  const report = async (problem: string, action: string, setAsideAs?: string) => {
    notices.push(`${problem}. ${setAsideAs ? `It was set aside as ${setAsideAs}; ` : ''}${action}`);
    await repairs?.record({ file: problem.startsWith(layout.libraryLog) ? layout.libraryLog : layout.libraryCompact, problem, action, ...(setAsideAs ? { setAsideAs } : {}) });
    loaded.needsCompact = true;
  };
  if (damage) {
    const aside = `${layout.libraryCompact}.damaged-${stamp()}`;
    await rename(layout.libraryCompact, aside).catch(() => undefined);
    // Each meta.json holds its document's edits up to the last compaction (LibraryStore.compact), the log every edit since.
    const lost = log ? 'no acknowledged change was lost' : 'the change log is missing too, so changes made since the last compaction are lost';
    await report(damage.message, `The library was rebuilt from the document folders (each meta.json holds the edits up to the last compaction) and the change log (every edit since); ${lost}.`, aside);
  }
  if (!log) {
    if (await exists(layout.libraryLog)) await report(`${layout.libraryLog} is damaged: its first line is not a change log head`, 'The library was rebuilt from library.bin and the document folders; changes since its last compaction may be missing.');
    else if (!compact) loaded.needsCompact = true; // a fresh archive, or library.bin and its log both gone: the folders are listed and written down
    return loaded;
  }
  // The log before the last compaction (a crash between writing library.bin and starting the new log): all in library.bin.
  if (compact && log.gen < compact.logGen) return loaded;
  if (unmade) {
    for (const entry of log.entries) {
      applySmallParts(data, entry);
      noteEdits(loaded.edited, entry);
    }
    unmade.entries = log.entries;
  } else if (log.entries.length) {
    const index = new Map(data.documents.map((d, i) => [d.id, i]));
    for (const entry of log.entries) {
      applyEntry(data, entry, index);
      noteEdits(loaded.edited, entry);
    }
  }
  loaded.gen = log.gen;
  loaded.logBytes = log.bytes;
  if (log.unreadable.length) {
    const lines = log.unreadable.map((u) => u.line).join(', ');
    await report(
      `${layout.libraryLog} is damaged: line(s) ${lines} could not be read (${log.unreadable[0]!.reason})`,
      `The other ${log.entries.length} change(s) were applied; the change(s) on those lines are lost unless a later change rewrote the same documents.`,
    );
  }
  // library.bin lost while its log went on (gen > 0), or a log that does not continue it: written again.
  if (compact ? log.gen !== compact.logGen : log.gen > 0) loaded.needsCompact = true;
  // A last line cut short by a crash (never acknowledged): the log is started again after compaction.
  if (log.torn) loaded.needsCompact = true;
  loaded.logCurrent = !loaded.needsCompact;
  return loaded;
}

export const titleKey = (title: string, type: DocType) => `${type}\u0000${title}`;

/** Keeps the last good library.json of each session start (and of each full journal), newest KEEP_BACKUPS; answers the new one's name. */
export async function rotateBackup(layout: ArchiveLayout): Promise<string> {
  return basename(await keepCopy(layout.library, layout.backups, 'library', KEEP_BACKUPS));
}

export interface Recovery {
  data: LibraryFile;
  notice: string;
  repair: Parameters<RepairsStore['record']>[0];
}

/**
 * A damaged library.json is set aside, never overwritten, and replaced by the newest good
 * backup with the journal of later changes replayed over it; the notice says from when.
 */
export async function recover(layout: ArchiveLayout, writable: boolean, damage: StoreDamagedError): Promise<Recovery> {
  let aside = '';
  if (writable) {
    aside = `${layout.library}.damaged-${stamp()}`;
    await rename(layout.library, aside);
    await syncDir(layout.root);
  }
  const setAside = aside ? `It was set aside as ${aside}; ` : '';
  const repairBase = { file: layout.library, problem: damage.message, ...(aside ? { setAsideAs: aside } : {}) };
  const good = await newestGoodCopy(layout.backups, 'library', (file, raw) => parseStore(file, raw, libraryFileSchema));
  if (good) {
    const { file, at: takenAt } = good;
    const name = basename(file);
    let data = good.data;
    const backupOnly = structuredClone(data);
    const replay = await replayJournal(layout.libraryJournal, name, data).catch(() => null);
    let restored = `the backup ${file} (taken ${takenAt})`;
    let lost: string;
    if (replay && replay.applied > 0 && libraryFileSchema.safeParse(data).success) {
      restored += ` and ${replay.applied} later change(s) from the journal, the last at ${replay.lastAt}`;
      lost = replay.unreadable ? `${replay.unreadable} journal line(s) could not be read (a write cut short); at most those changes are lost.` : 'No acknowledged change was lost.';
    } else {
      if (replay && replay.applied > 0) data = backupOnly;
      lost =
        replay && replay.base === name
          ? 'No change was made after that backup.'
          : `Changes made after ${takenAt} (titles, tags, collections, saved searches, settings) could not be recovered: no journal continues this backup.`;
    }
    if (writable) await writeFileDurable(layout.library, JSON.stringify(smallLibraryFile(data), null, 1));
    const action = `Restored from ${restored}. ${lost}`;
    return { data, notice: `${damage.message}. ${setAside}${action}`, repair: { ...repairBase, action, backup: file, backupAt: takenAt } };
  }
  const action = 'No good backup was found, so the library was rebuilt from the document folders (settings, collections and saved searches start afresh).';
  return { data: emptyLibrary(), notice: `${damage.message}. ${setAside}${action}`, repair: { ...repairBase, action } };
}

/**
 * Makes library.json agree with where the folders are (a folder is in docs/ or in trash/,
 * moved by one rename; library.json is written right after): a delete, restore or emptying
 * that a crash cut between the two is finished here. Answers how many entries changed.
 */
export async function reconcileTrash(layout: ArchiveLayout, library: LibraryFile, materialize: () => void): Promise<number> {
  const inTrash = new Set(await folderNames(layout.trash));
  if (inTrash.size === 0 && !library.trash?.length) return 0;
  // library.documents is read below: library.bin's documents are made objects first.
  materialize();
  const inDocs = new Set(await folderNames(layout.docs));
  let changed = 0;
  const listed = new Set(library.documents.map((d) => d.id));
  const trash: TrashedDocument[] = [];
  for (const entry of library.trash ?? []) {
    if (inDocs.has(entry.id)) {
      // Restored on disk, not yet in library.json.
      if (!listed.has(entry.id)) library.documents.push(untrashed(entry));
      changed++;
    } else if (!inTrash.has(entry.id)) changed++; // removed for good (or being removed)
    else trash.push(entry);
  }
  const now = new Date().toISOString();
  const kept: DocumentMeta[] = [];
  for (const doc of library.documents) {
    if (!inDocs.has(doc.id) && inTrash.has(doc.id)) {
      // Moved to the trash on disk, not yet in library.json.
      if (!trash.some((t) => t.id === doc.id)) trash.push({ ...doc, deletedAt: now, annotationCount: await countAnnotations(layout, doc.id) });
      changed++;
    } else kept.push(doc);
  }
  library.documents = kept;
  // Trashed folders library.json does not know (a library rebuilt from backups): listed from their meta.json.
  const known = new Set([...trash.map((t) => t.id), ...kept.map((d) => d.id)]);
  for (const id of [...inTrash].sort()) {
    if (known.has(id)) continue;
    try {
      const file = join(layout.trashDir(id), 'meta.json');
      const meta = parseStore(file, await readFile(file, 'utf8'), documentMetaSchema);
      if (meta.id !== id) continue;
      trash.push({ ...meta, deletedAt: now, annotationCount: await countAnnotations(layout, id) });
      changed++;
    } catch {
      /* not a complete document folder: leave it for the user to inspect */
    }
  }
  if (trash.length || library.trash) library.trash = trash;
  return changed;
}

/** A trashed entry as the library lists it again. */
export function untrashed(entry: TrashedDocument): DocumentMeta {
  const { deletedAt: _deletedAt, annotationCount: _count, ...meta } = entry;
  return meta;
}

async function countAnnotations(layout: ArchiveLayout, id: string): Promise<number> {
  // Through the journal too: a folder is folded before it is trashed, but one moved by hand, or by an older program, may not be.
  return (await readAnnotationsFolder(layout.trashDir(id)).catch(() => null))?.annotations.length ?? 0;
}

/**
 * Lists document folders that library.json does not: imports made durable after its last
 * write (a crash, another process), or all of them when the library was lost. Answers how many.
 */
export async function adoptFolders(layout: ArchiveLayout, library: LibraryFile): Promise<DocumentMeta[]> {
  let names: string[];
  try {
    names = await readdir(layout.docs);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return [];
    throw error;
  }
  const known = new Set(library.documents.map((d) => d.id));
  const adopted: DocumentMeta[] = [];
  for (const name of names.filter((n) => !n.startsWith('.') && !known.has(n)).sort()) {
    try {
      const meta = parseStore(layout.docFile(name, 'meta.json'), await readFile(layout.docFile(name, 'meta.json'), 'utf8'), documentMetaSchema);
      if (meta.id !== name) continue;
      library.documents.push(meta);
      adopted.push(meta);
    } catch {
      /* not a complete document folder: leave it for the user to inspect */
    }
  }
  return adopted;
}
