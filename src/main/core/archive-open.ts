/**
 * Opening an archive's stores: the lock, the sweep after a writer that did not close, the
 * library, the annotations, the search index (read beside the library, or after its first
 * answer), the entity registry and sync's change log. Archive.open builds the services on
 * them; apart from archive.ts because the order of these steps is what a crash recovery relies on.
 */
import { mkdir } from 'node:fs/promises';
import { ApiError } from '../../shared/api';
import { AnnotationStore } from './annotations/annotation-store';
import { readSavedFlags } from './archive-flags';
import { EntityStore } from './entities/entity-store';
import { describeFsError, diskFailureSentence } from './fs-errors';
import { readIndexBytes } from './search/persist';
import { SearchService } from './search/search-service';
import { DocStore } from './store/doc-store';
import { exists, sweepTempFiles } from './store/durable-file';
import { archiveLayout, type ArchiveLayout } from './store/layout';
import { LibraryStore } from './store/library-store';
import { acquireLock, type ArchiveLock } from './store/lock';
import { RepairsStore } from './store/repairs-store';
import { ChangeLog } from './sync/change-log';

export interface OpenOptions {
  /** false: read only, no lock taken (list, show) */
  writable: boolean;
  /** who holds the lock, named in the message a second writer gets */
  owner: string;
  /**
   * The search index starts loading only once the library table has been answered (or a
   * search, or INDEX_START_FALLBACK_MS after open): the app's first screen is the library,
   * and the index's load (~0.5 s of CPU at 100,000 documents, on the same thread) no longer
   * runs ahead of its answer (issue #19). Shells that show the library first (serve, the app).
   */
  indexAfterTable?: boolean;
}

/** How long the index waits for the library table's answer at most (OpenOptions.indexAfterTable). */
const INDEX_START_FALLBACK_MS = 2000;

/** An archive's stores, open, before the services are built on them (Archive.open). */
export interface OpenStores {
  layout: ArchiveLayout;
  /** null: open read only */
  lock: ArchiveLock | null;
  library: LibraryStore;
  docs: DocStore;
  annotationStore: AnnotationStore;
  search: SearchService;
  entityStore: EntityStore;
  repairs: RepairsStore;
  changes: ChangeLog;
  /** library.annotated as the last clean close left it (archive-flags.ts) */
  flags: { ids: Set<string> | null; notices: string[] };
  /** starts the search index's load when it waits for the library table (OpenOptions.indexAfterTable) */
  startIndex: () => void;
}

/** Takes the lock (writable) and opens the stores; on a failure the lock is freed (openFailed). */
export async function openStores(dir: string, options: OpenOptions): Promise<OpenStores> {
  const layout = archiveLayout(dir);
  let lock: ArchiveLock | null = null;
  if (options.writable) {
    try {
      await mkdir(layout.docs, { recursive: true });
    } catch (error) {
      throw new ApiError('io', `Cannot create the archive at ${dir}: ${describeFsError(error)}.`);
    }
    try {
      lock = await acquireLock(dir, options.owner);
    } catch (error) {
      if (error instanceof ApiError) throw error;
      throw new ApiError('io', `Cannot open the archive at ${dir} for writing: ${describeFsError(error)}. Reading still works (marginalia list, show, search).`);
    }
  }
  try {
    const docs = new DocStore(layout);
    // Leftovers in docs/ (.staging-, .replaced-) come only from a writer that did not close, which leaves library.open
    // behind (LibraryStore); listing 100,000 folders cost every start ~0.25-0.4 s (issue #19). An archive without
    // library.bin (new, or from before it) is swept as before.
    const unclosed = options.writable && ((await exists(layout.libraryOpen)) || !(await exists(layout.libraryCompact)));
    const swapped = unclosed ? await docs.sweep() : [];
    // A crashed writer's temp files go before anything of this session writes (the library's backup starts in LibraryStore.open).
    if (options.writable) for (const dir of [layout.root, layout.index, layout.backups]) await sweepTempFiles(dir);
    // The saved search index (hundreds of MB at 100,000 documents) is read while the library loads (issue #19),
    // or, for a shell that shows the library first, once the library table is answered.
    let startIndex = () => undefined as void;
    const indexGate = options.indexAfterTable
      ? new Promise<void>((resolve) => {
          startIndex = resolve;
          setTimeout(resolve, INDEX_START_FALLBACK_MS).unref();
        })
      : undefined;
    const savedIndex = indexGate ? indexGate.then(() => readIndexBytes(layout.index)) : readIndexBytes(layout.index);
    const repairs = await RepairsStore.open(layout, options.writable);
    // Read before the library marks this session open: the flags hold only if the last writer closed.
    const flags = await readSavedFlags(layout, options.writable, repairs);
    const library = await LibraryStore.open(layout, options.writable, repairs);
    // A version swap that finished on disk but not in library.json: the folder's meta.json is the truth.
    for (const id of swapped) {
      if (!library.get(id)) continue;
      const meta = await docs.readMeta(id);
      await library.update(id, () => meta);
    }
    const annotationStore = new AnnotationStore(layout, options.writable, repairs);
    const search = await SearchService.open(
      layout.index,
      {
        documents: () => library.documents(),
        versions: (visit) => library.versions(visit),
        meta: (id) => library.get(id),
        readText: (id) => docs.readText(id),
        readAnnotations: (id) => annotationStore.read(id),
      },
      options.writable,
      savedIndex,
      indexGate,
    );
    const entityStore = await EntityStore.open(layout.entities, options.writable, repairs, layout.backups);
    const changes = await ChangeLog.open(dir, options.writable);
    library.onDocumentsChanged = (ids) => changes.markDocs(ids);
    annotationStore.onChange = (id) => changes.markDocs([id]);
    return { layout, lock, library, docs, annotationStore, search, entityStore, repairs, changes, flags, startIndex };
  } catch (error) {
    return openFailed(lock, error);
  }
}

/** Frees the lock of an archive that could not be opened, and throws why as the user reads it. */
export async function openFailed(lock: ArchiveLock | null, error: unknown): Promise<never> {
  await lock?.release();
  const full = diskFailureSentence(error, 'opening the archive for writing');
  if (full) throw new ApiError('io', `${full} Reading still works (marginalia list, show, search).`);
  throw error;
}
