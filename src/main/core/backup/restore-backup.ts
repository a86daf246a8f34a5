import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, statfs } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import type { Entry, ZipFile } from 'yauzl';
import { ApiError } from '../../../shared/api';
import { runLimited } from '../run-limited';
import { isErrno, syncDir, syncFileSystem } from '../store/durable-file';
import { LOCK_FILE } from '../store/lock';
import { UNPACK_FIELDS, type UnpackJob, type UnpackResult } from './backup-protocol';
import { BackupWorkers } from './backup-workers';
import { openZip } from './zip-reader';
import { ARCHIVE_PREFIX, isManifest, MANIFEST, unsafeEntryName, type BackupManifest } from './manifest';

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

/** What a backup may hold: far beyond any real archive, low enough that a hostile zip cannot fill the disk or the inode table. */
export const RESTORE_LIMITS = {
  maxEntries: 2_000_000,
  maxTotalBytes: 1024 ** 4, // 1 TiB
  /** uncompressed : compressed, for entries past ratioFloor */
  maxRatio: 1_000,
  ratioFloor: 1024 * 1024,
};

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
  const zip = await openZip(zipPath);
  // Started now, they load while this thread lists and checks the zip (on another core);
  // ended unused if the zip is refused.
  const workers = new BackupWorkers(RESTORE_WORKERS);
  try {
    const entries = await listEntries(zip);
    const manifestEntry = entries.find((e) => e.fileName === MANIFEST);
    checkEntries(entries, manifestEntry, { ...RESTORE_LIMITS, ...options.limits });
    if (!manifestEntry || manifestEntry.uncompressedSize > MAX_MANIFEST) throw new ApiError('invalid_input', 'This zip is not a Marginalia backup: it has no manifest.json.');
    let manifest: unknown;
    try {
      manifest = JSON.parse((await readAll(await openEntry(zip, manifestEntry))).toString('utf8')) as unknown;
    } catch (error) {
      throw new ApiError('invalid_input', `Refusing this backup: its manifest.json does not read (${(error as Error).message}).`);
    }
    if (!isManifest(manifest)) throw new ApiError('invalid_input', 'This backup\'s manifest.json is not one Marginalia wrote.');
    const files = entries.filter((e) => e.fileName !== MANIFEST && !e.fileName.endsWith('/'));
    const plan = compareWithManifest(files, manifest);
    if (!options.partial) {
      const problems = [
        ...plan.missing.map((p) => `${p} is in the manifest but not in the zip`),
        ...plan.unexpected.map((p) => `${p} is not in the manifest`),
        ...plan.wrongSize.map((p) => `${p} has another size than the manifest gives`),
      ];
      if (problems.length) throw refuse(`${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}. Restore it anyway with --partial`);
    }
    await assertRoom(targetDir, files.reduce((n, e) => n + e.uncompressedSize, 0));
    return await extractStaged(zip, workers, zipPath, entries, plan, manifest, targetDir, options);
  } finally {
    zip.close();
    await workers.close();
  }
}

const refuse = (why: string) => new ApiError('invalid_input', `Refusing this backup: ${why}. Nothing was written.`);

/** Every check on names and sizes that needs no byte of content. */
function checkEntries(entries: Entry[], manifestEntry: Entry | undefined, limits: typeof RESTORE_LIMITS): void {
  if (entries.length > limits.maxEntries) throw refuse(`it holds ${entries.length} entries; the limit is ${limits.maxEntries}`);
  const unsafe: string[] = [];
  for (const entry of entries) {
    const why = unsafeEntryName(entry.fileName);
    if (why) unsafe.push(`"${entry.fileName}" ${why}`);
  }
  if (unsafe.length) throw refuse(unsafe.slice(0, 5).join('; '));
  let total = 0;
  const files = new Set<string>();
  const folders = new Set<string>();
  for (const entry of entries) {
    if (entry === manifestEntry) continue;
    const path = entry.fileName.slice(ARCHIVE_PREFIX.length);
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
    total += entry.uncompressedSize;
    if (entry.uncompressedSize > limits.ratioFloor && entry.uncompressedSize > limits.maxRatio * Math.max(1, entry.compressedSize)) {
      throw refuse(`${clean} expands ${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))} times (a zip bomb?); the limit is ${limits.maxRatio}`);
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
interface Plan {
  files: Entry[];
  /** each file's path under archive/, as `files` */
  paths: string[];
  expected: Map<string, BackupManifest['files'][number]>;
  missing: string[];
  unexpected: string[];
  wrongSize: string[];
}

function compareWithManifest(files: Entry[], manifest: BackupManifest): Plan {
  const expected = new Map(manifest.files.map((f) => [f.path, f]));
  const paths = files.map((e) => e.fileName.slice(ARCHIVE_PREFIX.length));
  const unexpected: string[] = [];
  const wrongSize: string[] = [];
  let known = 0;
  paths.forEach((path, k) => {
    const want = expected.get(path);
    if (!want) return void unexpected.push(path);
    known++;
    if (want.size !== files[k]!.uncompressedSize) wrongSize.push(path);
  });
  // No path is twice in the zip (checkEntries) nor, being a map's keys, in `expected`: all are there when the counts agree.
  const inZip = known === expected.size ? null : new Set(paths);
  return { files, paths, expected, missing: inZip ? [...expected.keys()].filter((p) => !inZip.has(p)) : [], unexpected, wrongSize };
}

async function assertRoom(targetDir: string, bytes: number): Promise<void> {
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

/** Writes into a temporary folder beside the target, then renames it into place; removes it on any failure. */
async function extractStaged(zip: ZipFile, workers: BackupWorkers, zipPath: string, entries: Entry[], plan: Plan, manifest: BackupManifest, targetDir: string, options: RestoreOptions): Promise<RestoreReport> {
  const target = resolve(targetDir);
  const createdParent = await mkdir(dirname(target), { recursive: true });
  const staging = join(dirname(target), `.${basename(target)}.restoring-${randomBytes(6).toString('hex')}`);
  try {
    const report = await extract(zip, workers, resolve(zipPath), entries, plan, manifest, staging, options);
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

async function extract(zip: ZipFile, workers: BackupWorkers, zipPath: string, entries: Entry[], plan: Plan, manifest: BackupManifest, targetDir: string, options: RestoreOptions): Promise<RestoreReport> {
  const { files, paths, expected } = plan;
  const report: RestoreReport = { targetDir, appVersion: manifest.appVersion, createdAt: manifest.createdAt, restored: 0, missing: [], different: [], unexpected: [], ok: false };
  await mkdir(targetDir, { recursive: true });
  const dirs = new Map<string, Promise<unknown>>([[targetDir, Promise.resolve()]]);
  const folder = (dir: string) => {
    let made = dirs.get(dir);
    if (!made) dirs.set(dir, (made = mkdir(dir, { recursive: true })));
    return made;
  };
  for (const entry of entries) {
    if (entry.fileName !== MANIFEST && entry.fileName.endsWith('/')) await folder(join(targetDir, entry.fileName.slice(ARCHIVE_PREFIX.length, -1)));
  }
  // Small entries (nearly all of an archive) are unzipped and written by workers, runs of
  // entries that lie one after the other in the zip at a time (backup-worker.ts says why);
  // large ones are streamed here. The first failure stops the rest; the caller removes
  // what was written.
  const written = new Array<{ sha256: string; size: number } | undefined>(files.length);
  let failure: { error: unknown } | null = null;
  const done = (k: number, result: { sha256: string; size: number }) => {
    written[k] = result;
    const path = paths[k]!;
    const want = expected.get(path);
    if (!options.partial && want && (want.sha256 !== result.sha256 || want.size !== result.size)) failure ??= { error: mismatch(path, result.sha256, want.sha256) };
  };
  // join() turns the '/' of a zip path into the platform's separator.
  const destOf = (k: number) => join(targetDir, paths[k]!);
  const small: number[] = [];
  const large: number[] = [];
  for (const [k, e] of files.entries()) (e.uncompressedSize <= WHOLE_ENTRY_BYTES && e.compressedSize <= WHOLE_ENTRY_BYTES ? small : large).push(k);
  small.sort((a, b) => files[a]!.relativeOffsetOfLocalHeader - files[b]!.relativeOffsetOfLocalHeader);
  const jobs: { job: UnpackJob; indexes: number[] }[] = [];
  for (let i = 0; i < small.length; ) {
    const indexes: number[] = [];
    let span = 0;
    for (; i < small.length && indexes.length < JOB_ENTRIES && span < RUN_BYTES; i++) {
      indexes.push(small[i]!);
      span += files[small[i]!]!.compressedSize;
    }
    const fields = new Float64Array(indexes.length * UNPACK_FIELDS.length);
    indexes.forEach((k, n) => {
      const e = files[k]!;
      fields.set([k, e.relativeOffsetOfLocalHeader, e.compressedSize, e.uncompressedSize, e.compressionMethod, e.crc32, e.generalPurposeBitFlag, Buffer.byteLength(e.fileName)], n * UNPACK_FIELDS.length);
    });
    jobs.push({ indexes, job: { kind: 'unpack', zipPath, root: targetDir, paths: indexes.map((k) => paths[k]).join('\n'), fields } });
  }
  // Large entries (the search index's files: a third of the bytes of a 100,000-document
  // archive) are streamed here while the workers write the small ones: yauzl inflates on
  // libuv's pool, and the main thread is otherwise idle until the jobs are done (they ran
  // after them, one core idle: issue #19).
  const streamLarge = async () => {
    for (const k of large) {
      if (failure) break;
      try {
        const dest = destOf(k);
        await folder(dirname(dest));
        done(k, await writeEntry(await openEntry(zip, files[k]!), dest));
      } catch (error) {
        failure ??= { error: entryFailure(error, paths[k]!) };
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
      for (let n = 0; n < result.written; n++) done(indexes[n]!, { sha256: digests.toString('hex', 32 * n, 32 * n + 32), size: files[indexes[n]!]!.uncompressedSize });
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
  paths.forEach((path, k) => {
    const { sha256, size } = written[k]!;
    report.restored++;
    const want = expected.get(path);
    if (!want) report.unexpected.push(path);
    else if (want.sha256 !== sha256 || want.size !== size) {
      if (!options.partial) throw mismatch(path, sha256, want.sha256);
      report.different.push({ path, expected: `${want.size} bytes, sha256 ${want.sha256}`, actual: `${size} bytes, sha256 ${sha256}` });
    }
  });
  // Durable before the staging folder is renamed into place: one syncfs for every file
  // written (an fsync per file made restores run at a few MB/s: issue #19), or, where that
  // is not available, each file and folder fsynced.
  if (!(await syncFileSystem(targetDir))) {
    const restoredFiles = files.map((_, k) => destOf(k));
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

/** Streams one large entry into a new file ('wx': never over an existing one), hashing what is written (made durable with the others, by extract). */
async function writeEntry(stream: Readable, dest: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  const handle = await open(dest, 'wx');
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      hash.update(chunk);
      size += chunk.length;
      await handle.write(chunk);
    }
  } finally {
    await handle.close();
  }
  return { sha256: hash.digest('hex'), size };
}

async function assertEmpty(dir: string): Promise<void> {
  try {
    if ((await readdir(dir)).length > 0) throw new ApiError('invalid_input', `Restore only into an empty folder: ${dir} is not empty.`);
  } catch (error) {
    if (!isErrno(error, 'ENOENT')) throw error;
  }
}

function listEntries(zip: ZipFile): Promise<Entry[]> {
  return new Promise((ok, fail) => {
    const entries: Entry[] = [];
    zip.on('entry', (entry: Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.once('end', () => ok(entries));
    zip.once('error', (error: Error) => fail(new ApiError('invalid_input', `Refusing this backup: ${error.message}`)));
    zip.readEntry();
  });
}

function openEntry(zip: ZipFile, entry: Entry): Promise<Readable> {
  return new Promise((ok, fail) => zip.openReadStream(entry, (error, stream) => (error || !stream ? fail(error ?? new Error('no stream')) : ok(stream))));
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}
