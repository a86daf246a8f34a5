import { createHash } from 'node:crypto';
import { open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { crc32 } from 'node:zlib';
import { ApiError } from '../../../shared/api';
import { isTempFile, syncDir } from '../store/durable-file';
import type { ChunkJob, ChunkResult, PackJob, PackResult } from './backup-protocol';
import { BackupWorkers } from './backup-workers';
import { ARCHIVE_PREFIX, MANIFEST, type BackupManifest } from './manifest';
import { DEFLATED, dosDateTime, STORED } from './zip-format';
import { ZipWriter } from './zip-writer';

/** Files per job sent to a worker (each job comes back as one run of zip entries). */
const JOB_FILES = 256;
/** A job stops once it has packed this many bytes; the rest of its files go in the next job. */
const RUN_BYTES = 4 * 1024 * 1024;
/** Files up to this size are read whole by a worker; larger ones go through the workers in pieces of PIECE_BYTES. */
const WHOLE_FILE_BYTES = 16 * 1024 * 1024;
const PIECE_BYTES = 4 * 1024 * 1024;
/**
 * Originals in formats that are zip or deflate inside already: stored, not compressed
 * again. The rest is deflated at level 1 (backup-worker.ts): on the archive's texts it keeps
 * most of level 6's saving at several times its speed (issue #19).
 */
const COMPRESSED = /\/original\.(pdf|docx|odt|epub|zip|png|jpe?g|gif|webp)$/i;
/**
 * The search index's files (postings and positions as varints: ~490 MB of a 100,000-document
 * archive's 1,570 MB) are deflated with Huffman coding only: level 1's search for repeated
 * strings finds almost nothing there (positions: 67.5% of the size at level 1, 68.6%
 * Huffman only; search.bin 70.2% and 69.7%) and cost 2.8 times the CPU (42 against 116
 * MB/s a core): ~8 s of CPU per backup at 100,000 (issue #19). library.bin keeps level 1
 * (its titles repeat: 58% against 71%).
 */
const HUFFMAN_ONLY = /^index\//;

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
        for (let i = from; i < to; i++) job.files.push({ index: i, path: files[i]!, name: ARCHIVE_PREFIX + files[i]!, store: COMPRESSED.test(files[i]!), huffman: HUFFMAN_ONLY.test(files[i]!) });
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
      // A large file goes through the workers in pieces, deflated side by side (before,
      // the main thread deflated the search index's files alone after every small file:
      // a third of a 100,000-document archive on one core, issue #19); the manifest hashes
      // the very bytes that go into the zip, in order, as the pieces come back.
      const hash = createHash('sha256');
      let size = 0;
      let crc = 0;
      const store = COMPRESSED.test(path);
      const chunks = pieces(workers, join(root, ...path.split('/')), file.size, { store, huffman: HUFFMAN_ONLY.test(path) }, (raw) => {
        hash.update(raw);
        crc = crc32(raw, crc);
        size += raw.length;
      });
      const entry = { name: Buffer.from(ARCHIVE_PREFIX + path), method: store ? STORED : DEFLATED, ...dosDateTime(new Date(file.mtimeMs)), mode: file.mode };
      await zip.addStream(entry, file.size, chunks, () => ({ crc, size }));
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
 * A large file's entry data, piece by piece in order (backup-protocol.ts, ChunkJob), with
 * as many pieces read and deflated ahead as the workers have lanes; `read` sees each
 * piece's bytes as read, in order.
 */
async function* pieces(workers: BackupWorkers, file: string, size: number, how: { store: boolean; huffman: boolean }, read: (raw: Buffer) => void): AsyncIterable<Buffer> {
  const count = Math.max(1, Math.ceil(size / PIECE_BYTES));
  const ahead: Promise<ChunkResult>[] = [];
  let next = 0;
  const start = () => {
    const job: ChunkJob = { kind: 'chunk', path: file, offset: next * PIECE_BYTES, length: PIECE_BYTES, last: next === count - 1, ...how };
    const result = workers.run(job);
    result.catch(() => undefined); // awaited below, or dropped after an earlier failure
    ahead.push(result);
    next++;
  };
  while (next < count && ahead.length < workers.lanes) start();
  while (ahead.length) {
    const { raw, deflated } = await ahead.shift()!;
    if (next < count) start();
    const bytes = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    read(bytes);
    yield deflated ? Buffer.from(deflated.buffer, deflated.byteOffset, deflated.byteLength) : bytes;
  }
}

/**
 * Every regular file of the archive, sorted, '/'-separated. Left out: the lock (it belongs
 * to the running writer), temp files of interrupted writes, imports still staging, and
 * trashed folders being removed for good. The trash itself is part of the archive.
 */
async function listFiles(root: string): Promise<{ files: string[]; skipped: string[] }> {
  const files: string[] = [];
  const skipped: string[] = [];
  // Paths are built by joining names (path.relative per entry was ~15% of the listing's CPU at 400,000 files).
  const walk = async (dir: string, under: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const rel = under + entry.name;
      if (rel === 'archive.lock' || isTempFile(entry.name) || /^docs\/\.staging-/.test(rel) || /^trash\/\.emptying-/.test(rel)) continue;
      if (entry.isDirectory()) await walk(join(dir, entry.name), `${rel}/`);
      else if (entry.isFile()) files.push(rel);
      else skipped.push(`${rel}: not a regular file`);
    }
  };
  await walk(root, '');
  return { files: files.sort(), skipped };
}
