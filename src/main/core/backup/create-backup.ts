import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { ApiError } from '../../../shared/api';
import { isTempFile, syncDir } from '../store/durable-file';
import { ARCHIVE_PREFIX, MANIFEST, type BackupManifest } from './manifest';
import { ZipOutput } from './zip-output';

/** Files read and hashed ahead of the one being written into the zip. */
const IN_FLIGHT = 32;
/** Files up to this size are read whole; larger ones are streamed. */
const WHOLE_FILE_BYTES = 1024 * 1024;
/**
 * Originals in formats that are zip or deflate inside already: stored, not compressed
 * again. The rest is deflated at level 1 (zip-output.ts): on the archive's texts it keeps
 * most of level 6's saving at several times its speed (issue #19).
 */
const COMPRESSED = /\/original\.(pdf|docx|odt|epub|zip|png|jpe?g|gif|webp)$/i;

/** A file read and hashed for the zip; `data` null for a large file, streamed when its turn comes. */
interface Prepared {
  mtime: Date;
  mode: number;
  size: number;
  data: Buffer | null;
  sha256: string;
}

async function prepare(root: string, path: string): Promise<Prepared> {
  const full = join(root, ...path.split('/'));
  const info = await stat(full);
  const base = { mtime: info.mtime, mode: info.mode & 0o777, size: info.size };
  if (info.size > WHOLE_FILE_BYTES) return { ...base, data: null, sha256: '' };
  const raw = await readFile(full);
  return { ...base, size: raw.length, data: raw, sha256: createHash('sha256').update(raw).digest('hex') };
}

export interface BackupOptions {
  /** recorded in the manifest */
  appVersion: string;
  /** defaults to now; tests pass a fixed time */
  now?: Date;
}

export interface BackupSummary {
  zipPath: string;
  files: number;
  /** uncompressed bytes of the archive's files */
  bytes: number;
  /** what was not backed up and why (symbolic links, sockets) */
  skipped: string[];
}

/**
 * Backs up a whole archive folder into one zip: every file under archive/, and
 * manifest.json (path, size, SHA-256 of each, app version, date) written last, from the
 * very bytes that went into the zip. Streams file by file. The zip is written beside its
 * final name and renamed into place once complete and fsynced: a crash leaves no
 * half-written backup under the chosen name. The caller should hold the archive open
 * (its lock) so that no other process writes during the backup.
 */
export async function createBackup(archiveDir: string, zipPath: string, options: BackupOptions): Promise<BackupSummary> {
  const root = resolve(archiveDir);
  const target = resolve(zipPath);
  const inside = relative(root, target);
  if (!inside.startsWith('..') && !isAbsolute(inside)) {
    throw new ApiError('invalid_input', 'Choose a backup file outside the archive folder (it would contain itself).');
  }
  const { files, skipped } = await listFiles(root);
  const partial = join(dirname(target), `.${basename(target)}.${process.pid}.partial`);
  const manifest: BackupManifest = { format: 'marginalia-backup', version: 1, appVersion: options.appVersion, createdAt: (options.now ?? new Date()).toISOString(), files: [] };
  let bytes = 0;
  const handle = await open(partial, 'wx');
  try {
    const zip = await ZipOutput.open(handle);
    // Small files (nearly all of an archive) are read and hashed IN_FLIGHT at once, and
    // written into the zip in order.
    const prepared = new Map<number, Promise<Prepared>>();
    const prepareAt = (k: number) => {
      const p = prepare(root, files[k]!);
      p.catch(() => undefined); // awaited in order below
      prepared.set(k, p);
    };
    for (let k = 0; k < Math.min(IN_FLIGHT, files.length); k++) prepareAt(k);
    for (const [i, path] of files.entries()) {
      const entry = await prepared.get(i)!;
      prepared.delete(i);
      if (i + IN_FLIGHT < files.length) prepareAt(i + IN_FLIGHT);
      const info = { name: ARCHIVE_PREFIX + path, mtime: entry.mtime, mode: entry.mode, store: COMPRESSED.test(path) };
      if (entry.data) {
        await zip.add(info, entry.data);
        manifest.files[i] = { path, size: entry.size, sha256: entry.sha256 };
        bytes += entry.size;
      } else {
        // A large file is streamed: the manifest hashes the very bytes that go into the zip, as they pass through.
        const hash = createHash('sha256');
        let size = 0;
        const source = createReadStream(join(root, ...path.split('/')), { highWaterMark: 1024 * 1024 });
        async function* tapped(): AsyncIterable<Buffer> {
          for await (const chunk of source as AsyncIterable<Buffer>) {
            hash.update(chunk);
            size += chunk.length;
            yield chunk;
          }
        }
        await zip.add(info, Readable.from(tapped()));
        manifest.files[i] = { path, size, sha256: hash.digest('hex') };
        bytes += size;
      }
    }
    const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
    await zip.add({ name: MANIFEST, mtime: new Date(manifest.createdAt), mode: 0o644, store: false }, manifestBytes);
    await zip.finish();
    await handle.sync();
    await handle.close();
    await rename(partial, target);
    await syncDir(dirname(target));
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(partial, { force: true });
    throw error;
  }
  return { zipPath: target, files: files.length, bytes, skipped };
}

/**
 * Every regular file of the archive, sorted, '/'-separated. Left out: the lock (it belongs
 * to the running writer), temp files of interrupted writes, imports still staging, and
 * trashed folders being removed for good. The trash itself is part of the archive.
 */
async function listFiles(root: string): Promise<{ files: string[]; skipped: string[] }> {
  const files: string[] = [];
  const skipped: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      const rel = relative(root, full).split(sep).join('/');
      if (rel === 'archive.lock' || isTempFile(entry.name) || /^docs\/\.staging-/.test(rel) || /^trash\/\.emptying-/.test(rel)) continue;
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) files.push(rel);
      else skipped.push(`${rel}: not a regular file`);
    }
  };
  await walk(root);
  return { files: files.sort(), skipped };
}
