import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import type { Stats } from 'node:fs';
import { open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ApiError } from '../../../shared/api';
import { isTempFile, syncDir } from '../store/durable-file';
import { ARCHIVE_PREFIX, MANIFEST, type BackupManifest } from './manifest';

/** Files opened and queued ahead of the one being written into the zip. */
const LOOK_AHEAD = 8;
/** Files read ahead of the zip writer. */
const READ_AHEAD = 16;
/** Files up to this size are read whole and added as one buffer. */
const WHOLE_FILE_BYTES = 1024 * 1024;
/** Originals in formats that are zip or deflate inside already: stored, not compressed again. */
const COMPRESSED = /\/original\.(pdf|docx|odt|epub|zip|png|jpe?g|gif|webp)$/i;

/**
 * Deflate at level 1: on the archive's texts it keeps most of level 6's saving at several
 * times its speed (level 6 held backups to a few MB/s on this machine; issue #19).
 */
const compressionFor = (path: string) => (COMPRESSED.test(path) ? 0 : 1);

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
  // yazl streams entries in order as the output is consumed (ZIP64 where needed).
  const { default: yazl } = await import('yazl'); // loaded when first needed: start-up does not pay for it
  const zip = new yazl.ZipFile();
  const written = pipeline(zip.outputStream, createWriteStream(partial, { flags: 'wx' }));
  written.catch(() => undefined); // awaited below; a failure surfaces there
  try {
    // Up to LOOK_AHEAD files are opened and queued while yazl writes the ones before them
    // (it writes entries in order): one file at a time left the disk and the deflate idle in
    // turn, a few MB/s on an archive of small files (issue #19).
    const pending: Promise<void>[] = [];
    // Small files (nearly all of an archive) are read whole, READ_AHEAD at once ahead of the
    // zip: read one after the other, each waited for the disk in turn.
    const reads = new Map<number, Promise<{ info: Stats; data: Buffer | null }>>();
    const readAt = (k: number) => {
      const full = join(root, ...files[k]!.split('/'));
      const read = stat(full).then(async (info) => ({ info, data: info.size <= WHOLE_FILE_BYTES ? await readFile(full) : null }));
      read.catch(() => undefined); // awaited in order below
      reads.set(k, read);
    };
    for (let k = 0; k < Math.min(READ_AHEAD, files.length); k++) readAt(k);
    for (const [i, path] of files.entries()) {
      const full = join(root, ...path.split('/'));
      const { info, data } = await reads.get(i)!;
      reads.delete(i);
      if (i + READ_AHEAD < files.length) readAt(i + READ_AHEAD);
      const options = { mtime: info.mtime, compressionLevel: compressionFor(path) };
      let entry: Promise<void>;
      if (data) {
        const source = Readable.from([data], { objectMode: false });
        const consumed = new Promise<void>((done, fail) => {
          source.once('end', done);
          source.once('error', fail);
        });
        zip.addReadStream(source, ARCHIVE_PREFIX + path, options);
        const sha256 = createHash('sha256').update(data).digest('hex');
        // Awaited like the streamed ones: yazl holds at most LOOK_AHEAD files in memory.
        entry = Promise.race([consumed, written]).then(() => {
          manifest.files[i] = { path, size: data.length, sha256 };
          bytes += data.length;
        });
      } else {
        // The manifest hashes the very bytes that go into the zip, as they pass through.
        const hash = createHash('sha256');
        let size = 0;
        const tap = new Transform({
          transform(chunk: Buffer, _encoding, done) {
            hash.update(chunk);
            size += chunk.length;
            done(null, chunk);
          },
        });
        const consumed = new Promise<void>((done, fail) => {
          tap.once('end', done);
          tap.once('error', fail);
        });
        zip.addReadStream(createReadStream(full).on('error', (error) => tap.destroy(error)).pipe(tap), ARCHIVE_PREFIX + path, options);
        entry = Promise.race([consumed, written]).then(() => {
          manifest.files[i] = { path, size, sha256: hash.digest('hex') };
          bytes += size;
        });
      }
      entry.catch(() => undefined); // awaited below, in order; a failure surfaces there
      pending.push(entry);
      if (pending.length >= LOOK_AHEAD) await pending.shift();
    }
    for (const entry of pending) await entry;
    zip.addBuffer(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), MANIFEST, { mtime: new Date(manifest.createdAt) });
    zip.end();
    await written;
    const handle = await open(partial, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(partial, target);
    await syncDir(dirname(target));
  } catch (error) {
    (zip.outputStream as unknown as { destroy(): void }).destroy();
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
