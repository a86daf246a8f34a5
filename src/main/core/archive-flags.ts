/**
 * library.annotated, the cache of which documents have annotations that lets the library be
 * listed before the search index has loaded (issue #19): read at open when the last writer
 * closed cleanly, written at close. Apart from archive.ts: its trust rule (the order of the
 * writes at close) reads best on its own.
 */
import { rm } from 'node:fs/promises';
import { describeFsError, isDiskFull } from './fs-errors';
import type { SearchService } from './search/search-service';
import { exists } from './store/durable-file';
import type { ArchiveLayout } from './store/layout';
import { FlagsDamagedError, readFlags, setFlagsAside, writeFlags } from './store/library-flags';
import type { RepairsStore } from './store/repairs-store';

/**
 * library.annotated, when the last writer closed cleanly (no library.open left behind): else
 * null, and the flags come from the search index. A damaged file is reported (notice and
 * Repairs entry) and set aside; the next clean close writes it again.
 */
export async function readSavedFlags(layout: ArchiveLayout, writable: boolean, repairs: RepairsStore): Promise<{ ids: Set<string> | null; notices: string[] }> {
  if (await exists(layout.libraryOpen)) return { ids: null, notices: [] };
  try {
    return { ids: await readFlags(layout.libraryFlags), notices: [] };
  } catch (error) {
    if (!(error instanceof FlagsDamagedError)) throw error;
    const aside = writable ? await setFlagsAside(layout.libraryFlags) : undefined;
    const action = 'Which documents have annotations is taken from the search index instead; the file is written again when the archive closes.';
    await repairs.record({ file: layout.libraryFlags, problem: error.message, action, ...(aside ? { setAsideAs: aside } : {}) });
    return { ids: null, notices: [`${error.message}. ${aside ? `It was set aside as ${aside}; ` : ''}${action}`] };
  }
}

/** Rewrites library.annotated from the index before the library's open marker goes (the order that makes the file trusted). */
export async function saveFlags(layout: ArchiveLayout, search: SearchService, saved: Set<string> | null): Promise<void> {
  if (saved && !search.changedSinceOpen) return;
  try {
    await writeFlags(layout.libraryFlags, await search.annotatedIds());
  } catch (error) {
    // Without the file the next open takes the flags from the index: slower, never wrong.
    await rm(layout.libraryFlags, { force: true }).catch(() => undefined);
    const why = isDiskFull(error) ? 'the disk is full' : describeFsError(error);
    console.error(`[marginalia] library.annotated (which documents have annotations, a cache) could not be saved (${why}); the next start takes it from the search index.`);
  }
}
