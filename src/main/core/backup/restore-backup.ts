import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { ApiError } from '../../../shared/api';
import { runLimited } from '../run-limited';
import { isErrno, syncDir, syncFileSystem } from '../store/durable-file';
import { UNPACK_FIELDS, type UnpackJob, type UnpackResult } from './backup-protocol';
import { BackupWorkers } from './backup-workers';
import { entryBytes, entryStream, readZipDirectory, type ZipDirectory } from './zip-directory';
import { ARCHIVE_PREFIX, isManifest, MANIFEST, type BackupManifest } from './manifest';
import { assertRoom, checkEntries, compareWithManifest, refuse, RESTORE_LIMITS, type Plan } from './restore-checks';

export interface RestoreReport {
  targetDir: string;
  appVersion: string;
  createdAt: string;
  restored: number;
  /** in the manifest, not in the zip (only with `partial`: otherwise the restore fails) */
  missing: string[];
  /** in the zip, but not the size or SHA-256 the manifest gives (only with `partial`) */
  different: { path: string; expected: string; actual: string }[];
  /** in the zip, not in the manifest (only with `partial`; restored all the same) */
  unexpected: string[];
  /** true when every file of the manifest came back exactly */
  ok: boolean;
}

export interface RestoreOptions {
  /** restore a damaged backup as far as it goes, reporting what is missing or differs, instead of failing */
  partial?: boolean;
  /** tests lower these to reach them with small zips */
  limits?: Partial<typeof RESTORE_LIMITS>;
}

const MAX_MANIFEST = 64 * 1024 * 1024;
/** Entries per job sent to a worker, and the compressed bytes at which a job is closed. */
const JOB_ENTRIES = 256;
const RUN_BYTES = 4 * 1024 * 1024;
/**
 * Workers of a restore, whatever the cores: most of their time is spent waiting for the
 * file system to create files and folders, not computing. A restore of 120,000 files at
 * load ~17 on 2 cores: 4 workers 70-80 s, 2 workers 110-185 s.
 */
const RESTORE_WORKERS = 4;
/** Entries up to this size (compressed and not) are unzipped whole by a worker; larger ones are streamed here. */
const WHOLE_ENTRY_BYTES = 16 * 1024 * 1024;


/**
 * Restores a backup into an EMPTY (or not yet existing) folder, never over anything. The
 * whole zip is checked before a byte is written: entry count, sizes and compression ratio
 * against RESTORE_LIMITS and the free space, every name a relative path under archive/
 * (zip-slip: no absolute paths, no ".."), no name twice, no file where another entry
 * needs a folder, no archive.lock, and every file as the manifest lists it. The files are
 * then written into a temporary folder beside the target, each SHA-256 checked as it is
 * written, and the folder renamed into place: a restore that fails leaves nothing behind.
 */
export async function restoreBackup(zipPath: string, targetDir: string, options: RestoreOptions = {}): Promise<RestoreReport> {
  await assertEmpty(targetDir);
  // Started now, they load while this thread reads and checks the zip (on another core);
  // ended unused if the zip is refused.
  const workers = new BackupWorkers(RESTORE_WORKERS);
  try {
    const zip = await readDirectory(zipPath);
    const manifestEntry = zip.names.indexOf(MANIFEST);
    checkEntries(zip, manifestEntry, { ...RESTORE_LIMITS, ...options.limits });
    if (manifestEntry < 0 || zip.size[manifestEntry]! > MAX_MANIFEST) throw new ApiError('invalid_input', 'This zip is not a Marginalia backup: it has no manifest.json.');
    let manifest: unknown;
    try {
      manifest = JSON.parse((await entryBytes(zipPath, zip, manifestEntry)).toString('utf8')) as unknown;
    } catch (error) {
      throw new ApiError('invalid_input', `Refusing this backup: its manifest.json does not read (${(error as Error).message}).`);
    }
    if (!isManifest(manifest)) throw new ApiError('invalid_input', 'This backup\'s manifest.json is not one Marginalia wrote.');
    const files: number[] = [];
    zip.names.forEach((name, k) => void (name !== MANIFEST && !name.endsWith('/') && files.push(k)));
    const plan = compareWithManifest(zip, files, manifest);
    if (!options.partial) {
      const problems = [
        ...plan.missing.map((p) => `${p} is in the manifest but not in the zip`),
        ...plan.unexpected.map((p) => `${p} is not in the manifest`),
        ...plan.wrongSize.map((p) => `${p} has another size than the manifest gives`),
      ];
      if (problems.length) throw refuse(`${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}. Restore it anyway with --partial`);
    }
    await assertRoom(targetDir, files.reduce((n, k) => n + zip.size[k]!, 0));
    return await extractStaged(zip, workers, zipPath, plan, manifest, targetDir, options);
  } finally {
    await workers.close();
  }
}

async function readDirectory(zipPath: string): Promise<ZipDirectory> {
  try {
    return await readZipDirectory(zipPath);
  } catch (error) {
    throw new ApiError('invalid_input', `Not a readable zip: ${(error as Error).message}`);
  }
}


/** Writes into a temporary folder beside the target, then renames it into place; removes it on any failure. */
async function extractStaged(zip: ZipDirectory, workers: BackupWorkers, zipPath: string, plan: Plan, manifest: BackupManifest, targetDir: string, options: RestoreOptions): Promise<RestoreReport> {
  const target = resolve(targetDir);
  const createdParent = await mkdir(dirname(target), { recursive: true });
  const staging = join(dirname(target), `.${basename(target)}.restoring-${randomBytes(6).toString('hex')}`);
  try {
    const report = await extract(zip, workers, resolve(zipPath), plan, manifest, staging, options);
    report.targetDir = targetDir;
    await assertEmpty(targetDir);
    // Over an empty folder (or none): rename(2) replaces an empty directory atomically.
    await rename(staging, target);
    await syncDir(dirname(target));
    return report;
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    if (createdParent) await rm(createdParent, { recursive: true, force: true });
    throw error;
  }
}

async function extract(zip: ZipDirectory, workers: BackupWorkers, zipPath: string, plan: Plan, manifest: BackupManifest, targetDir: string, options: RestoreOptions): Promise<RestoreReport> {
  const { files, paths, rows, expected } = plan;
  const report: RestoreReport = { targetDir, appVersion: manifest.appVersion, createdAt: manifest.createdAt, restored: 0, missing: [], different: [], unexpected: [], ok: false };
  await mkdir(targetDir, { recursive: true });
  const dirs = new Map<string, Promise<unknown>>([[targetDir, Promise.resolve()]]);
  const folder = (dir: string) => {
    let made = dirs.get(dir);
    if (!made) dirs.set(dir, (made = mkdir(dir, { recursive: true })));
    return made;
  };
  for (const name of zip.names) {
    if (name !== MANIFEST && name.endsWith('/')) await folder(join(targetDir, name.slice(ARCHIVE_PREFIX.length, -1)));
  }
  // Small entries (nearly all of an archive) are unzipped and written by workers, runs of
  // entries that lie one after the other in the zip at a time (backup-worker.ts says why);
  // large ones are streamed here. The first failure stops the rest; the caller removes
  // what was written. Digests are compared as bytes (no hex string per file).
  const actual = Buffer.alloc(32 * files.length);
  const differs = (i: number) => actual.compare(expected, 32 * i, 32 * i + 32, 32 * i, 32 * i + 32) !== 0;
  const hex = (digests: Buffer, i: number) => digests.toString('hex', 32 * i, 32 * i + 32);
  let failure: { error: unknown } | null = null;
  const done = (i: number, digest: Buffer, at: number) => {
    digest.copy(actual, 32 * i, at, at + 32);
    if (!options.partial && rows[i]! >= 0 && differs(i)) failure ??= { error: mismatch(paths[i]!, hex(actual, i), hex(expected, i)) };
  };
  // join() turns the '/' of a zip path into the platform's separator.
  const destOf = (i: number) => join(targetDir, paths[i]!);
  const small: number[] = [];
  const large: number[] = [];
  files.forEach((k, i) => (zip.size[k]! <= WHOLE_ENTRY_BYTES && zip.compressed[k]! <= WHOLE_ENTRY_BYTES ? small : large).push(i));
  small.sort((a, b) => zip.offset[files[a]!]! - zip.offset[files[b]!]!);
  const jobs: { job: UnpackJob; indexes: number[] }[] = [];
  for (let n = 0; n < small.length; ) {
    const indexes: number[] = [];
    let span = 0;
    for (; n < small.length && indexes.length < JOB_ENTRIES && span < RUN_BYTES; n++) {
      indexes.push(small[n]!);
      span += zip.compressed[files[small[n]!]!]!;
    }
    const fields = new Float64Array(indexes.length * UNPACK_FIELDS.length);
    indexes.forEach((i, n) => {
      const k = files[i]!;
      fields.set([i, zip.offset[k]!, zip.compressed[k]!, zip.size[k]!, zip.method[k]!, zip.crc[k]!, zip.flags[k]!, zip.nameBytes[k]!], n * UNPACK_FIELDS.length);
    });
    jobs.push({ indexes, job: { kind: 'unpack', zipPath, root: targetDir, paths: indexes.map((i) => paths[i]).join('\n'), fields } });
  }
  // Large entries (the search index's files: a third of the bytes of a 100,000-document
  // archive) are streamed here while the workers write the small ones: zlib inflates on
  // libuv's pool, and the main thread is otherwise idle until the jobs are done (they ran
  // after them, one core idle: issue #19).
  const streamLarge = async () => {
    for (const i of large) {
      if (failure) break;
      try {
        const dest = destOf(i);
        await folder(dirname(dest));
        done(i, await writeEntry(await entryStream(zipPath, zip, files[i]!), dest), 0);
      } catch (error) {
        failure ??= { error: entryFailure(error, paths[i]!) };
      }
    }
  };
  const largeDone = streamLarge();
  try {
    await runLimited(jobs, workers.lanes, async ({ job, indexes }) => {
      if (failure) return;
      let result: UnpackResult;
      try {
        result = await workers.run(job);
      } catch (error) {
        failure ??= { error };
        return;
      }
      const digests = Buffer.from(result.sha256.buffer, result.sha256.byteOffset, result.sha256.byteLength);
      for (let n = 0; n < result.written; n++) done(indexes[n]!, digests, 32 * n);
      if (result.failure) {
        const path = paths[result.failure.index]!;
        const { message, code, syscall } = result.failure;
        failure ??= { error: entryFailure(code ? Object.assign(new Error(message), { code, syscall }) : new Error(message), path) };
      }
    });
  } finally {
    await largeDone; // never rejects: its failures go to `failure`
  }
  if (failure) throw (failure as { error: unknown }).error;
  rows.forEach((row, i) => {
    report.restored++;
    if (row < 0) return void report.unexpected.push(paths[i]!);
    const want = manifest.files[row]!;
    const size = zip.size[files[i]!]!;
    if (differs(i) || want.size !== size) {
      if (!options.partial) throw mismatch(paths[i]!, hex(actual, i), want.sha256);
      report.different.push({ path: paths[i]!, expected: `${want.size} bytes, sha256 ${want.sha256}`, actual: `${size} bytes, sha256 ${hex(actual, i)}` });
    }
  });
  // Durable before the staging folder is renamed into place: one syncfs for every file
  // written (an fsync per file made restores run at a few MB/s: issue #19), or, where that
  // is not available, each file and folder fsynced.
  if (!(await syncFileSystem(targetDir))) {
    const restoredFiles = files.map((_, i) => destOf(i));
    for (const file of restoredFiles) await fsyncFile(file);
    // the folders made here and by the workers, and those between them and the target
    const made = new Set(dirs.keys());
    for (const file of restoredFiles) for (let dir = dirname(file); dir.startsWith(targetDir) && !made.has(dir); dir = dirname(dir)) made.add(dir);
    for (const dir of made) await syncDir(dir);
  }
  report.missing = plan.missing; // every file of the zip was written, or this threw
  report.ok = report.missing.length === 0 && report.different.length === 0;
  return report;
}

async function fsyncFile(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

const mismatch = (path: string, actual: string, expected: string) =>
  new ApiError('invalid_input', `Refusing this backup: ${path} is not what its manifest says (SHA-256 ${actual}, expected ${expected}); what was written was removed. Restore it anyway with --partial.`);

/** What stopped the write of one entry, as the user's error. */
function entryFailure(error: unknown, path: string): unknown {
  if (isErrno(error, 'ENOSPC', 'EDQUOT')) return new ApiError('io', `The disk is full: the restore of ${path} stopped and what it had written was removed; the backup is untouched. Free some space and restore again.`);
  if (error instanceof ApiError || (error as NodeJS.ErrnoException).syscall) return error;
  return refuse(`${path} does not unzip (${(error as Error).message})`);
}

/** Streams one large entry into a new file ('wx': never over an existing one); its SHA-256 (made durable with the others, by extract). */
async function writeEntry(bytes: AsyncIterable<Buffer>, dest: string): Promise<Buffer> {
  const hash = createHash('sha256');
  const handle = await open(dest, 'wx');
  try {
    for await (const chunk of bytes) {
      hash.update(chunk);
      await handle.write(chunk);
    }
  } finally {
    await handle.close();
  }
  return hash.digest();
}

async function assertEmpty(dir: string): Promise<void> {
  try {
    if ((await readdir(dir)).length > 0) throw new ApiError('invalid_input', `Restore only into an empty folder: ${dir} is not empty.`);
  } catch (error) {
    if (!isErrno(error, 'ENOENT')) throw error;
  }
}
