import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { crc32, createDeflateRaw, deflateRaw as deflateRawCb } from 'node:zlib';
import { ApiError } from '../../../shared/api';
import { isTempFile, syncDir } from '../store/durable-file';
import { ARCHIVE_PREFIX, MANIFEST, type BackupManifest } from './manifest';
import { DEFLATED, STORED, ZipWriter } from './zip-writer';
import { ZipJsWriter } from './zipjs-writer';
import { ZipStreamWriter } from './zipstream-writer';


const deflateRaw = promisify(deflateRawCb);

/** Files read, hashed and compressed ahead of the one being written into the zip. */
const IN_FLIGHT = 32;
/** Files up to this size are read whole and compressed in one call; larger ones are streamed. */
const WHOLE_FILE_BYTES = 1024 * 1024;
/** Originals in formats that are zip or deflate inside already: stored, not compressed again. */
const COMPRESSED = /\/original\.(pdf|docx|odt|epub|zip|png|jpe?g|gif|webp)$/i;

/**
 * Deflate at level 1: on the archive's texts it keeps most of level 6's saving at several
 * times its speed (level 6 held backups to a few MB/s on this machine; issue #19).
 */
const methodFor = (path: string) => (COMPRESSED.test(path) ? STORED : DEFLATED);

/** A file read and made ready for the zip; `data` null for a large file, streamed when its turn comes. */
interface Prepared {
  mtime: Date;
  mode: number;
  size: number;
  data: Buffer | null;
  method: number;
  crc: number;
  sha256: string;
}

async function prepare(root: string, path: string): Promise<Prepared> {
  const full = join(root, ...path.split('/'));
  const info = await stat(full);
  const base = { mtime: info.mtime, mode: info.mode & 0o777, size: info.size };
  if (info.size > WHOLE_FILE_BYTES) return { ...base, data: null, method: methodFor(path), crc: 0, sha256: '' };
  const raw = await readFile(full);
  const sha256 = createHash('sha256').update(raw).digest('hex');
  const crc = crc32(raw);
  if (process.env.MARGINALIA_BACKUP_ZIP === 'zipstream') return { ...base, size: raw.length, data: raw, method: methodFor(path), crc, sha256 };
  if (methodFor(path) === STORED || raw.length < 64) return { ...base, size: raw.length, data: raw, method: STORED, crc, sha256 };
  const packed = await deflateRaw(raw, { level: 1 });
  // What deflate cannot shrink is stored as it is.
  return packed.length < raw.length ? { ...base, size: raw.length, data: packed, method: DEFLATED, crc, sha256 } : { ...base, size: raw.length, data: raw, method: STORED, crc, sha256 };
}

/** `source` deflated at level 1, as a stream of chunks; a failure of the source fails it. */
function deflated(source: AsyncIterable<Buffer>): AsyncIterable<Buffer> {
  const input = Readable.from(source);
  const z = createDeflateRaw({ level: 1 });
  input.on('error', (error) => z.destroy(error));
  return input.pipe(z);
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
    const zip = process.env.MARGINALIA_BACKUP_ZIP === 'zipjs' ? new ZipJsWriter(handle) : process.env.MARGINALIA_BACKUP_ZIP === 'zipstream' ? new ZipStreamWriter(handle) : new ZipWriter(handle);
    // Small files (nearly all of an archive) are read, hashed and deflated IN_FLIGHT at once
    // (reads and zlib's thread pool overlap), and written into the zip in order.
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
      const info = { name: ARCHIVE_PREFIX + path, mtime: entry.mtime, mode: entry.mode };
      if (entry.data) {
        if (zip instanceof ZipStreamWriter) await zip.add(info, entry.method, entry.data);
        else await zip.add(info, entry.method, entry.data, entry.crc, entry.size);
        manifest.files[i] = { path, size: entry.size, sha256: entry.sha256 };
        bytes += entry.size;
      } else {
        // A large file is streamed: the manifest hashes the very bytes that go into the zip, as they pass through.
        const hash = createHash('sha256');
        let crc = 0;
        let size = 0;
        const method = methodFor(path);
        const source = createReadStream(join(root, ...path.split('/')), { highWaterMark: 1024 * 1024 });
        async function* tapped(): AsyncIterable<Buffer> {
          for await (const chunk of source as AsyncIterable<Buffer>) {
            hash.update(chunk);
            crc = crc32(chunk, crc);
            size += chunk.length;
            yield chunk;
          }
        }
        if (zip instanceof ZipJsWriter) await zip.addStream(info, method, entry.size, tapped());
        else if (zip instanceof ZipStreamWriter) await zip.add(info, method, Readable.from(tapped()));
        else await zip.addStream(info, method, entry.size, method === DEFLATED ? deflated(tapped()) : tapped(), () => ({ crc, size }));
        manifest.files[i] = { path, size, sha256: hash.digest('hex') };
        bytes += size;
      }
    }
    const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
    const packed = await deflateRaw(manifestBytes, { level: 1 });
    if (zip instanceof ZipStreamWriter) await zip.add({ name: MANIFEST, mtime: new Date(manifest.createdAt) }, DEFLATED, manifestBytes);
    else await zip.add({ name: MANIFEST, mtime: new Date(manifest.createdAt) }, DEFLATED, packed, crc32(manifestBytes), manifestBytes.length);
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
