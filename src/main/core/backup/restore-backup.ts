import { createHash } from 'node:crypto';
import { mkdir, open, readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Entry, ZipFile } from 'yauzl';
import { ApiError } from '../../../shared/api';
import { isErrno, syncDir } from '../store/durable-file';
import { ARCHIVE_PREFIX, isManifest, MANIFEST, unsafeEntryName, type BackupManifest } from './manifest';

export interface RestoreReport {
  targetDir: string;
  appVersion: string;
  createdAt: string;
  restored: number;
  /** in the manifest, not in the zip */
  missing: string[];
  /** in the zip, but not the size or SHA-256 the manifest gives */
  different: { path: string; expected: string; actual: string }[];
  /** in the zip, not in the manifest (restored all the same) */
  unexpected: string[];
  /** true when every file of the manifest came back exactly */
  ok: boolean;
}

const MAX_MANIFEST = 64 * 1024 * 1024;

/**
 * Restores a backup into an EMPTY (or not yet existing) folder, never over anything. The
 * whole zip is checked before a byte is written: every entry name must be a relative path
 * under archive/ (zip-slip: no absolute paths, no ".."), and manifest.json must be there.
 * Each file's SHA-256 is computed as it is written and compared with the manifest.
 */
export async function restoreBackup(zipPath: string, targetDir: string): Promise<RestoreReport> {
  await assertEmpty(targetDir);
  const zip = await openZip(zipPath);
  try {
    const entries = await listEntries(zip);
    const refused = entries.map((e) => [e.fileName, unsafeEntryName(e.fileName)] as const).filter(([, why]) => why);
    if (refused.length) {
      throw new ApiError('invalid_input', `Refusing this backup: ${refused.slice(0, 5).map(([name, why]) => `"${name}" ${why}`).join('; ')}.`);
    }
    const manifestEntry = entries.find((e) => e.fileName === MANIFEST);
    if (!manifestEntry || manifestEntry.uncompressedSize > MAX_MANIFEST) throw new ApiError('invalid_input', 'This zip is not a Marginalia backup: it has no manifest.json.');
    const manifest = JSON.parse((await readAll(await openEntry(zip, manifestEntry))).toString('utf8')) as unknown;
    if (!isManifest(manifest)) throw new ApiError('invalid_input', 'This backup\'s manifest.json is not one Marginalia wrote.');
    return await extract(zip, entries, manifest, targetDir);
  } finally {
    zip.close();
  }
}

async function extract(zip: ZipFile, entries: Entry[], manifest: BackupManifest, targetDir: string): Promise<RestoreReport> {
  const expected = new Map(manifest.files.map((f) => [f.path, f]));
  const seen = new Set<string>();
  const report: RestoreReport = { targetDir, appVersion: manifest.appVersion, createdAt: manifest.createdAt, restored: 0, missing: [], different: [], unexpected: [], ok: false };
  await mkdir(targetDir, { recursive: true });
  const dirs = new Set<string>([targetDir]);
  for (const entry of entries) {
    if (entry.fileName === MANIFEST) continue;
    const path = entry.fileName.slice(ARCHIVE_PREFIX.length);
    const dest = join(targetDir, ...path.replace(/\/$/, '').split('/'));
    if (entry.fileName.endsWith('/')) {
      await mkdir(dest, { recursive: true });
      continue;
    }
    if (seen.has(path)) throw new ApiError('invalid_input', `Refusing this backup: ${path} appears twice.`);
    seen.add(path);
    await mkdir(dirname(dest), { recursive: true });
    dirs.add(dirname(dest));
    const { sha256, size } = await writeEntry(await openEntry(zip, entry), dest);
    report.restored++;
    const want = expected.get(path);
    if (!want) report.unexpected.push(path);
    else if (want.sha256 !== sha256 || want.size !== size) report.different.push({ path, expected: `${want.size} bytes, sha256 ${want.sha256}`, actual: `${size} bytes, sha256 ${sha256}` });
  }
  for (const dir of dirs) await syncDir(dir);
  report.missing = manifest.files.map((f) => f.path).filter((p) => !seen.has(p));
  report.ok = report.missing.length === 0 && report.different.length === 0;
  return report;
}

/** Writes one entry ('wx': never over an existing file), hashing what is written, fsynced. */
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
    await handle.sync();
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
