/**
 * Writing a search index's positions file (positions-file.ts) and search.bin (persist.ts),
 * and opening the positions file a saved index names.
 */
import { join } from 'node:path';
import { writeIndexFile, type IndexSnapshot } from './persist';
import { appendSegments, DamagedIndexError, newPositionsName, PositionsReader, rewriteSegments } from './positions-file';
import { mergeMemorySegments } from './position-segments';
import type { InvertedIndex } from './postings';

/** The positions file is rewritten (as one segment, without garbage) past this many segments, */
const MAX_SEGMENTS = 12;
/** or once removed documents are this share of the documents in it. */
const GARBAGE_SHARE = 0.25;
/** A replaced positions file's reader is closed this much later (a search may be reading it). */
const CLOSE_LATER_MS = 30_000;

/** The positions file the index's segments on disk are in, and its length. */
export type PositionsAt = { file: string; length: number } | undefined;

/**
 * Appends the segments held in memory to the positions file, without writing search.bin
 * (which names only what it saved: the bytes past it are overwritten by the next append
 * if a crash comes first). Keeps an import from holding the positions of what it added.
 * Returns where the positions now are. The index must be held (`hold`) by the caller.
 */
export async function flushPositions(dir: string, index: InvertedIndex, at: PositionsAt): Promise<PositionsAt> {
  const memory = index.segments.filter((g) => g.bytes);
  if (!memory.length) return at;
  const file = at?.file ?? newPositionsName();
  const path = join(dir, file);
  // In memory segments come after those on disk (newer serials): merged into one, appended.
  const merged = mergeMemorySegments(memory);
  const { length, bases } = await appendSegments(path, at?.length ?? 0, [merged]);
  if (!index.reader || index.reader.path !== path) index.reader = await PositionsReader.open(path, length);
  index.segments = [...index.segments.filter((g) => !g.bytes), { ...merged, base: bases[0]!, bytes: undefined }];
  return { file, length };
}

/**
 * The positions first (appended, or the file rewritten under a new name), fsynced, then
 * search.bin naming them; only then is what was in memory dropped (and the caller deletes a
 * replaced file: `removeOtherPositionFiles`). Returns where the positions now are.
 */
export async function writePositionsAndIndex(dir: string, index: InvertedIndex, at: PositionsAt, snapshot: IndexSnapshot): Promise<PositionsAt> {
  const { segments } = snapshot;
  const inFile = segments.reduce((n, g) => n + g.docs, 0);
  const rewrite = segments.length > MAX_SEGMENTS || (snapshot.deadDocs > 0 && snapshot.deadDocs >= inFile * GARBAGE_SHARE);
  let positions = at;
  let reader = index.reader;
  let saved = segments;
  if (rewrite) {
    const file = newPositionsName();
    const live = new Set(snapshot.docs.map((d) => d.serial));
    const { segment, length } = await rewriteSegments(join(dir, file), reader, segments, (serial) => live.has(serial));
    saved = segment.terms.length ? [segment] : [];
    positions = { file, length };
    reader = await PositionsReader.open(join(dir, file), length);
  } else if (segments.some((g) => g.bytes)) {
    const file = positions?.file ?? newPositionsName();
    const merged = mergeMemorySegments(segments.filter((g) => g.bytes));
    const { length, bases } = await appendSegments(join(dir, file), positions?.length ?? 0, [merged]);
    saved = [...segments.filter((g) => !g.bytes), { ...merged, base: bases[0]!, bytes: undefined }];
    positions = { file, length };
    if (!reader || reader.path !== join(dir, file)) reader = await PositionsReader.open(join(dir, file), length);
  }
  await writeIndexFile(dir, { ...snapshot, segments: saved, deadDocs: rewrite ? 0 : snapshot.deadDocs, ...(positions ? { positions } : {}) });
  // Held since the snapshot: the index's segments are still the snapshot's, one for one.
  const old = index.reader;
  index.segments = saved.map((g) => ({ ...g }));
  if (rewrite) index.deadDocs -= snapshot.deadDocs;
  index.reader = reader;
  if (old && old !== reader) setTimeout(() => void old.close(), CLOSE_LATER_MS).unref();
  return positions;
}

/**
 * Opens the positions file the saved index names: undefined when it names none (formats 3
 * and 4: positions in memory), null when it is missing or cut (reported; the index is rebuilt).
 */
export async function openPositions(dir: string, snapshot: IndexSnapshot): Promise<PositionsReader | undefined | null> {
  if (!snapshot.positions) return undefined;
  try {
    return await PositionsReader.open(join(dir, snapshot.positions.file), snapshot.positions.length);
  } catch (error) {
    if (!(error instanceof DamagedIndexError)) throw error;
    console.error(`[marginalia] the search index's positions file ${error.message}; rebuilding the index from the documents.`);
    return null;
  }
}
