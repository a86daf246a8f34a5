/**
 * The checks a restore makes before it writes a byte (restore-backup.ts): the zip's names
 * and sizes against RESTORE_LIMITS, its files against the manifest, and the free space.
 * Apart from the extraction because they read only the zip's directory and the manifest.
 */
import { statfs } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ApiError } from '../../../shared/api';
import { isErrno } from '../store/durable-file';
import { LOCK_FILE } from '../store/lock';
import type { ZipDirectory } from './zip-directory';
import { ARCHIVE_PREFIX, unsafeEntryName, type BackupManifest } from './manifest';

/** What a backup may hold: far beyond any real archive, low enough that a hostile zip cannot fill the disk or the inode table. */
export const RESTORE_LIMITS = {
  maxEntries: 2_000_000,
  maxTotalBytes: 1024 ** 4, // 1 TiB
  /** uncompressed : compressed, for entries past ratioFloor */
  maxRatio: 1_000,
  ratioFloor: 1024 * 1024,
};

export const refuse = (why: string) => new ApiError('invalid_input', `Refusing this backup: ${why}. Nothing was written.`);

/** Every check on names and sizes that needs no byte of content. */
export function checkEntries(zip: ZipDirectory, manifestEntry: number, limits: typeof RESTORE_LIMITS): void {
  if (zip.count > limits.maxEntries) throw refuse(`it holds ${zip.count} entries; the limit is ${limits.maxEntries}`);
  const unsafe: string[] = [];
  for (const name of zip.names) {
    const why = unsafeEntryName(name);
    if (why) unsafe.push(`"${name}" ${why}`);
  }
  if (unsafe.length) throw refuse(unsafe.slice(0, 5).join('; '));
  let total = 0;
  const files = new Set<string>();
  const folders = new Set<string>();
  for (let k = 0; k < zip.count; k++) {
    if (k === manifestEntry) continue;
    const path = zip.names[k]!.slice(ARCHIVE_PREFIX.length);
    const isFolder = path.endsWith('/');
    const clean = path.replace(/\/$/, '');
    if (clean === LOCK_FILE || clean.startsWith(`${LOCK_FILE}.`)) throw refuse(`it holds ${clean}, which would lock the restored archive`);
    if (isFolder) {
      if (folders.has(clean)) throw refuse(`the folder ${clean} appears twice`);
      folders.add(clean);
    } else {
      if (files.has(clean)) throw refuse(`${clean} appears twice`);
      files.add(clean);
    }
    const size = zip.size[k]!;
    const compressed = Math.max(1, zip.compressed[k]!);
    total += size;
    if (size > limits.ratioFloor && size > limits.maxRatio * compressed) {
      throw refuse(`${clean} expands ${Math.round(size / compressed)} times (a zip bomb?); the limit is ${limits.maxRatio}`);
    }
  }
  if (total > limits.maxTotalBytes) throw refuse(`it expands to ${Math.round(total / 1024 ** 3)} GB; the limit is ${limits.maxTotalBytes / 1024 ** 3} GB`);
  // A file where another entry needs a folder (a, a/b), or a file and a folder of one name.
  // A folder in `parents` has its own parents there too: the walk up stops at the first one
  // known (one lookup per file, not one string per level).
  const parents = new Set<string>();
  const addParents = (path: string) => {
    for (let cut = path.lastIndexOf('/'); cut > 0; cut = path.lastIndexOf('/', cut - 1)) {
      const parent = path.slice(0, cut);
      if (parents.has(parent)) return;
      parents.add(parent);
    }
  };
  for (const path of files) addParents(path);
  for (const path of folders) addParents(path);
  for (const file of files) if (folders.has(file) || parents.has(file)) throw refuse(`${file} is both a file and a folder`);
}

/**
 * The zip's files beside the manifest. Built once and handed to the extraction: at 400,000
 * files each Map or Set of every path costs a second or more of the main thread (issue #19).
 */
export interface Plan {
  /** the zip's files (not its folders, not the manifest): their entries in the zip */
  files: number[];
  /** each file's path under archive/, as `files` */
  paths: string[];
  /** each file's row in the manifest, or -1 */
  rows: Int32Array;
  /** the SHA-256 the manifest gives each file, 32 bytes each, as `files` (zeros where it gives none) */
  expected: Buffer;
  missing: string[];
  unexpected: string[];
  wrongSize: string[];
}

export function compareWithManifest(zip: ZipDirectory, files: number[], manifest: BackupManifest): Plan {
  const paths = files.map((k) => zip.names[k]!.slice(ARCHIVE_PREFIX.length));
  const listed = manifest.files;
  const { rows, missing } = rowsInManifest(paths, listed);
  const expected = Buffer.alloc(32 * files.length);
  const unexpected: string[] = [];
  const wrongSize: string[] = [];
  rows.forEach((row, i) => {
    if (row < 0) return void unexpected.push(paths[i]!);
    expected.write(listed[row]!.sha256, 32 * i, 'hex');
    if (listed[row]!.size !== zip.size[files[i]!]) wrongSize.push(paths[i]!);
  });
  return { files, paths, rows, expected, missing, unexpected, wrongSize };
}

/**
 * Each path's row in the manifest (or -1), and the manifest's paths the zip lacks. A backup
 * lists its files sorted, and writes them in that order but for the large ones (at the
 * end): the paths sorted (nearly in order already) are merged with the manifest's in one
 * pass, without a Map of every path. A manifest out of order (not written by this code)
 * goes through a Map.
 */
function rowsInManifest(paths: string[], listed: BackupManifest['files']): { rows: Int32Array; missing: string[] } {
  const rows = new Int32Array(paths.length).fill(-1);
  let sorted = true;
  for (let j = 1; j < listed.length && sorted; j++) sorted = listed[j - 1]!.path < listed[j]!.path;
  if (!sorted) {
    const at = new Map(listed.map((f, j) => [f.path, j]));
    paths.forEach((path, i) => (rows[i] = at.get(path) ?? -1));
    const inZip = new Set(paths);
    return { rows, missing: [...at.keys()].filter((path) => !inZip.has(path)) };
  }
  const order = paths.map((_, i) => i).sort((a, b) => (paths[a]! < paths[b]! ? -1 : paths[a]! > paths[b]! ? 1 : 0));
  const found = new Uint8Array(listed.length);
  let j = 0;
  for (const i of order) {
    const path = paths[i]!;
    while (j < listed.length && listed[j]!.path < path) j++;
    if (j < listed.length && listed[j]!.path === path) {
      rows[i] = j;
      found[j++] = 1;
    }
  }
  const missing: string[] = [];
  found.forEach((isFound, j) => void (isFound || missing.push(listed[j]!.path)));
  return { rows, missing };
}

export async function assertRoom(targetDir: string, bytes: number): Promise<void> {
  let dir = resolve(targetDir);
  for (;;) {
    try {
      const fs = await statfs(dir);
      const free = fs.bavail * fs.bsize;
      if (free < bytes) throw refuse(`it needs ${formatMb(bytes)} and the disk holding ${dir} has ${formatMb(free)} free`);
      return;
    } catch (error) {
      if (!isErrno(error, 'ENOENT') || dirname(dir) === dir) {
        if (error instanceof ApiError) throw error;
        return; // cannot tell: the writes will say if the disk fills
      }
      dir = dirname(dir);
    }
  }
}

const formatMb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;
