import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { pipeline, Readable } from 'node:stream';
import { crc32, createDeflateRaw } from 'node:zlib';
import { ApiError } from '../../../shared/api';
import { isTempFile, syncDir } from '../store/durable-file';
import type { PackJob, PackResult } from './backup-protocol';
import { BackupWorkers } from './backup-workers';
import { ARCHIVE_PREFIX, MANIFEST, type BackupManifest } from './manifest';
import { DEFLATED, dosDateTime, STORED } from './zip-format';
import { ZipWriter } from './zip-writer';

/** Files per job sent to a worker (each job comes back as one run of zip entries). */
const JOB_FILES = 256;
/** A job stops once it has packed this many bytes; the rest of its files go in the next job. */
const RUN_BYTES = 4 * 1024 * 1024;
/** Files up to this size are read whole by a worker; larger ones are streamed by the main thread. */
const WHOLE_FILE_BYTES = 16 * 1024 * 1024;
/**
 * Originals in formats that are zip or deflate inside already: stored, not compressed
 * again. The rest is deflated at level 1 (backup-worker.ts): on the archive's texts it keeps
 * most of level 6's saving at several times its speed (issue #19).
 */
const COMPRESSED = /\/original\.(pdf|docx|odt|epub|zip|png|jpe?g|gif|webp)$/i;

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
  const workers = new BackupWorkers();
  const handle = await open(partial, 'wx');
  try {
    const zip = new ZipWriter(handle);
    const large: PackResult['large'] = [];
    // Workers read, hash and compress runs of files (whatever files the archive's layout
    // has: the list above), each run written into the zip as one write as soon as it is
    // back, several runs in flight (backup-worker.ts says why).
    const queue: { from: number; to: number }[] = [];
    for (let from = 0; from < files.length; from += JOB_FILES) queue.push({ from, to: Math.min(files.length, from + JOB_FILES) });
    let failed = false;
    const lane = async () => {
      while (queue.length && !failed) {
        const { from, to } = queue.shift()!;
        const job: PackJob = { kind: 'pack', root, wholeBytes: WHOLE_FILE_BYTES, runBytes: RUN_BYTES, files: [] };
        for (let i = from; i < to; i++) job.files.push({ index: i, path: files[i]!, name: ARCHIVE_PREFIX + files[i]!, store: COMPRESSED.test(files[i]!) });
        const result = await workers.run(job);
        if (from + result.done < to) queue.unshift({ from: from + result.done, to });
        large.push(...result.large);
        for (const i of result.vanished) skipped.push(`${files[i]!}: removed while the backup ran`);
        for (const p of result.packed) {
          manifest.files[p.index] = { path: files[p.index]!, size: p.size, sha256: p.sha256 };
          bytes += p.size;
        }
        const packed = result.packed.map((p) => ({ ...p, name: Buffer.from(ARCHIVE_PREFIX + files[p.index]!) }));
        await zip.addPacked(Buffer.from(result.bytes.buffer, result.bytes.byteOffset, result.bytes.byteLength), packed);
      }
    };
    // Every lane is let finish (the first failure stops them taking more) before the zip is closed and removed.
    const lanes = await Promise.allSettled(Array.from({ length: workers.lanes }, () => lane().catch((error: unknown) => {
      failed = true;
      throw error;
    })));
    for (const l of lanes) if (l.status === 'rejected') throw l.reason;
    for (const file of large.sort((a, b) => a.index - b.index)) {
      const path = files[file.index]!;
      // A large file is streamed: the manifest hashes the very bytes that go into the zip, as they pass through.
      const hash = createHash('sha256');
      let size = 0;
      let crc = 0;
      const source = createReadStream(join(root, ...path.split('/')), { highWaterMark: 1024 * 1024 });
      async function* tapped(): AsyncIterable<Buffer> {
        for await (const chunk of source as AsyncIterable<Buffer>) {
          hash.update(chunk);
          crc = crc32(chunk, crc);
          size += chunk.length;
          yield chunk;
        }
      }
      const store = COMPRESSED.test(path);
      const chunks = store ? tapped() : pipeline(Readable.from(tapped()), createDeflateRaw({ level: 1 }), () => undefined);
      const entry = { name: Buffer.from(ARCHIVE_PREFIX + path), method: store ? STORED : DEFLATED, ...dosDateTime(new Date(file.mtimeMs)), mode: file.mode };
      await zip.addStream(entry, file.size, chunks as AsyncIterable<Buffer>, () => ({ crc, size }));
      manifest.files[file.index] = { path, size, sha256: hash.digest('hex') };
      bytes += size;
    }
    manifest.files = manifest.files.filter((f) => f !== undefined); // less the files that vanished
    const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
    await zip.addWhole({ name: Buffer.from(MANIFEST), ...dosDateTime(new Date(manifest.createdAt)), mode: 0o644 }, manifestBytes, false);
    await zip.finish();
    await handle.sync();
    await handle.close();
    await workers.close();
    await rename(partial, target);
    await syncDir(dirname(target));
  } catch (error) {
    await workers.close();
    await handle.close().catch(() => undefined);
    await rm(partial, { force: true });
    throw error;
  }
  return { zipPath: target, files: manifest.files.length, bytes, skipped };
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
