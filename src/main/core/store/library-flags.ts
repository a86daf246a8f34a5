/**
 * library.annotated: which documents have annotations, as of the last clean close (issue #19).
 *
 * Why a file of its own: the library lists every document with a "has annotations" flag, and
 * the only source of it was the search index (~400 MB at 100,000 documents), so the list
 * waited for the whole index to load. This file is read at open instead (a few bytes per
 * annotated document), and trusted only when the last writer closed cleanly — library.open,
 * the library's own marker of a writer that has not closed, was absent — because annotation
 * saves do not write it: it is rewritten at close from the search index, which every path that
 * changes annotations (saves, annotation imports, sync, new versions, restores) keeps current
 * through SearchService.track. After a crash, or while another writer has the archive open,
 * the flags come from the index as before (the list then waits for it).
 *
 * Why not a column in library.bin with a log line per change: a save would have to write the
 * library's log (a second fsync) whenever a document gains its first annotation or loses its
 * last, on every path that writes annotations, in the right order around the annotation file's
 * own write to stay true across a crash; the index already follows all of them.
 *
 * Format: "marginalia-annotated 1 <count> <crc32 of the ids as hex>\n" then one id per line.
 * A damaged file is reported and set aside (Archive.open), and rewritten at close.
 */
import { rename, rm } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { readIfThere, writeFileDurable } from './durable-file';

const HEAD = 'marginalia-annotated 1';

export class FlagsDamagedError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file} is damaged: ${reason}`);
    this.name = 'FlagsDamagedError';
  }
}

/** The annotated ids in the file; null when there is none; FlagsDamagedError when it does not check out. */
export async function readFlags(file: string): Promise<Set<string> | null> {
  const raw = await readIfThere(file);
  if (raw === null) return null;
  const newline = raw.indexOf('\n');
  const head = (newline < 0 ? raw : raw.slice(0, newline)).split(' ');
  if (newline < 0 || `${head[0]} ${head[1]}` !== HEAD || head.length !== 4) throw new FlagsDamagedError(file, 'its first line is not a flags header');
  const body = raw.slice(newline + 1);
  if (crc32(Buffer.from(body, 'utf8')).toString(16) !== head[3]) throw new FlagsDamagedError(file, 'its checksum does not match (a torn or damaged write)');
  const ids = body === '' ? [] : body.split('\n');
  if (ids.length !== Number(head[2])) throw new FlagsDamagedError(file, `it holds ${ids.length} ids, its header says ${head[2]}`);
  return new Set(ids);
}

/** Writes the flags durably (temp file, fsync, rename). */
export async function writeFlags(file: string, ids: Iterable<string>): Promise<void> {
  const body = [...ids].sort().join('\n');
  const count = body === '' ? 0 : body.split('\n').length;
  await writeFileDurable(file, `${HEAD} ${count} ${crc32(Buffer.from(body, 'utf8')).toString(16)}\n${body}`);
}

/** Sets a damaged file aside (never deleted: the user may want to look at it); answers its new name. */
export async function setFlagsAside(file: string): Promise<string> {
  const aside = `${file}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  await rename(file, aside).catch(async () => rm(file, { force: true }));
  return aside;
}
