import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, statfs, writeFile, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { crc32, inflateRaw as inflateRawCb } from 'node:zlib';
import type { Entry, ZipFile } from 'yauzl';
import { ApiError } from '../../../shared/api';
import { runLimited } from '../run-limited';
import { isErrno, syncDir, syncFileSystem } from '../store/durable-file';
import { LOCK_FILE } from '../store/lock';
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

const inflateRaw = promisify(inflateRawCb);
const MAX_MANIFEST = 64 * 1024 * 1024;
/** Entries unzipped and written at once. */
const RESTORE_IN_FLIGHT = 16;
/** Entries up to this size are read, inflated and written in one call each. */
const WHOLE_ENTRY_BYTES = 1024 * 1024;

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
    return await extractStaged(zip, zipPath, entries, manifest, targetDir, options);
  } finally {
    zip.close();
  }
}

const refuse = (why: string) => new ApiError('invalid_input', `Refusing this backup: ${why}. Nothing was written.`);

/** Every check on names and sizes that needs no byte of content. */
function checkEntries(entries: Entry[], manifestEntry: Entry | undefined, limits: typeof RESTORE_LIMITS): void {
  if (entries.length > limits.maxEntries) throw refuse(`it holds ${entries.length} entries; the limit is ${limits.maxEntries}`);
  const unsafe = entries.map((e) => [e.fileName, unsafeEntryName(e.fileName)] as const).filter(([, why]) => why);
  if (unsafe.length) throw refuse(unsafe.slice(0, 5).map(([name, why]) => `"${name}" ${why}`).join('; '));
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
  const needed = new Set(folders);
  for (const path of [...files, ...folders]) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) needed.add(parts.slice(0, i).join('/'));
  }
  for (const file of files) if (needed.has(file)) throw refuse(`${file} is both a file and a folder`);
}

function compareWithManifest(files: Entry[], manifest: BackupManifest) {
  const expected = new Map(manifest.files.map((f) => [f.path, f]));
  const inZip = new Set(files.map((e) => e.fileName.slice(ARCHIVE_PREFIX.length)));
  return {
    missing: manifest.files.map((f) => f.path).filter((p) => !inZip.has(p)),
    unexpected: [...inZip].filter((p) => !expected.has(p)),
    wrongSize: files.filter((e) => {
      const want = expected.get(e.fileName.slice(ARCHIVE_PREFIX.length));
      return want !== undefined && want.size !== e.uncompressedSize;
    }).map((e) => e.fileName.slice(ARCHIVE_PREFIX.length)),
  };
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
async function extractStaged(zip: ZipFile, zipPath: string, entries: Entry[], manifest: BackupManifest, targetDir: string, options: RestoreOptions): Promise<RestoreReport> {
  const target = resolve(targetDir);
  const createdParent = await mkdir(dirname(target), { recursive: true });
  const staging = join(dirname(target), `.${basename(target)}.restoring-${randomBytes(6).toString('hex')}`);
  try {
    const raw = await open(zipPath, 'r');
    let report: RestoreReport;
    try {
      report = await extract(zip, raw, entries, manifest, staging, options);
    } finally {
      await raw.close();
    }
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

async function extract(zip: ZipFile, raw: FileHandle, entries: Entry[], manifest: BackupManifest, targetDir: string, options: RestoreOptions): Promise<RestoreReport> {
  const expected = new Map(manifest.files.map((f) => [f.path, f]));
  const seen = new Set<string>();
  const report: RestoreReport = { targetDir, appVersion: manifest.appVersion, createdAt: manifest.createdAt, restored: 0, missing: [], different: [], unexpected: [], ok: false };
  await mkdir(targetDir, { recursive: true });
  const dirs = new Map<string, Promise<unknown>>([[targetDir, Promise.resolve()]]);
  const folder = (dir: string) => {
    let made = dirs.get(dir);
    if (!made) dirs.set(dir, (made = mkdir(dir, { recursive: true })));
    return made;
  };
  const restoredFiles: string[] = [];
  const files = entries.filter((e) => e.fileName !== MANIFEST && !e.fileName.endsWith('/'));
  for (const entry of entries) {
    if (entry.fileName !== MANIFEST && entry.fileName.endsWith('/')) await folder(join(targetDir, ...entry.fileName.slice(ARCHIVE_PREFIX.length).replace(/\/$/, '').split('/')));
  }
  // RESTORE_IN_FLIGHT entries are unzipped and written at once (one after the other, each
  // waited for the disk in turn: a few MB/s on an archive of small files; issue #19). The
  // first failure stops the rest; the caller removes what was written.
  const written = new Array<{ sha256: string; size: number } | undefined>(files.length);
  let failure: { error: unknown } | null = null;
  await runLimited([...files.keys()], RESTORE_IN_FLIGHT, async (k) => {
    if (failure) return;
    const entry = files[k]!;
    const path = entry.fileName.slice(ARCHIVE_PREFIX.length);
    const dest = join(targetDir, ...path.split('/'));
    try {
      await folder(dirname(dest));
      const done = entry.uncompressedSize <= WHOLE_ENTRY_BYTES && entry.compressedSize <= WHOLE_ENTRY_BYTES ? await writeWhole(await readSmallEntry(raw, entry), dest) : await writeEntry(await openEntry(zip, entry), dest);
      restoredFiles.push(dest);
      written[k] = done;
      const want = expected.get(path);
      if (!options.partial && want && (want.sha256 !== done.sha256 || want.size !== done.size)) throw mismatch(path, done.sha256, want.sha256);
    } catch (error) {
      failure ??= { error: entryFailure(error, path) };
    }
  });
  if (failure) throw (failure as { error: unknown }).error;
  files.forEach((entry, k) => {
    const path = entry.fileName.slice(ARCHIVE_PREFIX.length);
    const { sha256, size } = written[k]!;
    seen.add(path);
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
    for (const file of restoredFiles) await fsyncFile(file);
    for (const dir of dirs.keys()) await syncDir(dir);
  }
  report.missing = manifest.files.map((f) => f.path).filter((p) => !seen.has(p));
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

/** Writes a small entry whole ('wx': never over an existing file), hashing it (made durable with the others, by extract). */
async function writeWhole(data: Buffer, dest: string): Promise<{ sha256: string; size: number }> {
  await writeFile(dest, data, { flag: 'wx' });
  return { sha256: createHash('sha256').update(data).digest('hex'), size: data.length };
}

/**
 * A small entry's bytes, read with one positional read and inflated in zlib's thread pool:
 * yauzl's stream per entry (two reads, a zlib stream and two transforms) was most of a
 * restore of many small files (issue #19). The same checks as yauzl's: the local header's
 * signature and method, the size the central directory gives (which the limits were
 * checked against: inflating stops past it), and the CRC-32.
 */
async function readSmallEntry(raw: FileHandle, entry: Entry): Promise<Buffer> {
  const at = entry.relativeOffsetOfLocalHeader;
  const guess = 30 + entry.fileName.length * 4 + 256 + entry.compressedSize;
  let { buffer, bytesRead } = await raw.read(Buffer.allocUnsafe(guess), 0, guess, at);
  if (bytesRead < 30 || buffer.readUInt32LE(0) !== 0x04034b50) throw new Error('no local file header where the central directory points');
  if (entry.generalPurposeBitFlag & 0x1) throw new Error('encrypted');
  const start = 30 + buffer.readUInt16LE(26) + buffer.readUInt16LE(28);
  const end = start + entry.compressedSize;
  if (end > bytesRead) {
    ({ buffer, bytesRead } = await raw.read(Buffer.allocUnsafe(end), 0, end, at));
    if (bytesRead < end) throw new Error('the zip ends inside this entry');
  }
  const packed = buffer.subarray(start, end);
  let data: Buffer;
  if (entry.compressionMethod === 0) data = packed;
  else if (entry.compressionMethod === 8) data = await inflateRaw(packed, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
  else throw new Error(`unsupported compression method ${entry.compressionMethod}`);
  if (data.length !== entry.uncompressedSize) throw new Error(`expected ${entry.uncompressedSize} bytes, found ${data.length}`);
  if (crc32(data) !== entry.crc32) throw new Error('CRC-32 does not match');
  return data;
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

async function openZip(path: string): Promise<ZipFile> {
  const { default: yauzl } = await import('yauzl'); // loaded when first needed: start-up does not pay for it
  return new Promise((ok, fail) =>
    // validateEntrySizes: a lying size header (zip bomb) fails the read; names are checked by us.
    yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true, decodeStrings: true, strictFileNames: false }, (error, zip) =>
      error || !zip ? fail(new ApiError('invalid_input', `Not a readable zip: ${error?.message ?? path}`)) : ok(zip),
    ),
  );
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
