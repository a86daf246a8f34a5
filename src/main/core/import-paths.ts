import { readdir, stat } from 'node:fs/promises';
import { ApiError } from '../../shared/api';
import { join } from 'node:path';
import { unsupportedReason, type ImportOutcome } from '../../shared/model';
import { sizeProblem, type Archive, type ImportSource } from './archive';
import { describeFsError } from './fs-errors';
import { importerFor } from './importers/registry';
import { readRegularFile } from './read-bounded';

/** Files imported at once (see importPaths). */
const IMPORT_CONCURRENCY = 64;

export type PathEntry = { path: string } | { path: string; error: string } | { path: string; skipped: string };

/**
 * Expands the paths a user named into files to import: folders recursively (hidden entries
 * skipped; a format we do not import is listed as skipped, with the reason), named files always (so an unsupported one fails with a reason).
 */
export async function collectFiles(paths: readonly string[]): Promise<PathEntry[]> {
  const out: PathEntry[] = [];
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      out.push({ path, error: describeFsError(error) });
      continue;
    }
    if (info.isDirectory()) await walk(path, out);
    else out.push({ path });
  }
  return out;
}

async function walk(dir: string, out: PathEntry[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    out.push({ path: dir, error: describeFsError(error) });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await walk(path, out);
    else if (entry.isFile()) {
      // A format we do not read is told with its reason (an EPUB in a folder of reports must not vanish silently).
      const reason = importerFor(entry.name) ? null : unsupportedReason(entry.name);
      out.push(reason ? { path, skipped: reason } : { path });
    }
  }
}

/** Imports files and folders from disk, one outcome per file as soon as it is durably stored. */
export interface PathImportOptions extends Pick<ImportSource, 'asVersionOf' | 'separate' | 'password' | 'limits' | 'ocr' | 'ocrLanguages'> {
  /** called once per file, as soon as it is durably stored or has failed */
  onOutcome?: (outcome: ImportOutcome, done: number, total: number) => void;
  /** checked before each file: a cancelled run stops there, keeping what it stored */
  isCancelled?: () => boolean;
}

export async function importPaths(archive: Archive, paths: readonly string[], options: PathImportOptions = {}): Promise<ImportOutcome[]> {
  const { onOutcome = () => {}, isCancelled = () => false, ...sourceOptions } = options;
  const entries = await collectFiles(paths);
  const outcomes: ImportOutcome[] = new Array(entries.length);
  let next = 0;
  let done = 0;
  // Many files in flight at once: while some wait for their durable commit the next are read
  // and parsed, and the group commit (DocStore.create) gets documents to share one commit
  // (16 in flight left ~10 per commit). Outcomes keep file order.
  const worker = async () => {
    while (next < entries.length && !isCancelled()) {
      const i = next++;
      const entry = entries[i]!;
      const outcome: ImportOutcome =
        'error' in entry
          ? { file: entry.path, status: 'failed', reason: entry.error }
          : 'skipped' in entry
            ? { file: entry.path, status: 'skipped', reason: entry.skipped }
            : await importPath(archive, entry.path, sourceOptions);
      outcomes[i] = outcome;
      onOutcome(outcome, ++done, entries.length);
    }
  };
  await Promise.all(Array.from({ length: IMPORT_CONCURRENCY }, worker));
  return outcomes.filter(Boolean);
}

async function importPath(archive: Archive, path: string, options: Pick<ImportSource, 'asVersionOf' | 'separate' | 'password' | 'limits' | 'ocr' | 'ocrLanguages'>): Promise<ImportOutcome> {
  try {
    // Refused before it is read into memory; FIFOs and devices (also behind links) not at all.
    const limits = archive.importLimits(options.limits);
    const bytes = await readRegularFile(path, limits.maxFileMb * 1048576, (size) => sizeProblem(size, limits)!);
    return await archive.importFile({ ...options, name: path, bytes });
  } catch (error) {
    return { file: path, status: 'failed', reason: error instanceof ApiError ? error.message : describeFsError(error) };
  }
}
