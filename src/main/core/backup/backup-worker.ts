/**
 * A backup worker thread (see backup-workers.ts). A backup or restore of an archive is
 * bound by what it costs per file, not per byte: ~4 small files per document. Here each
 * file costs synchronous system calls and one zlib call (~20 µs for a small file), where
 * the main thread paid several round trips through libuv's pool, a stream and a zlib
 * context per file (issue #19). Runs of entries go back as one buffer each, moved, not copied.
 */
import { createHash, hash } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { constants, crc32, deflateRawSync } from 'node:zlib';
import { UNPACK_FIELDS, type ChunkJob, type ChunkResult, type PackedFile, type PackJob, type PackResult, type UnpackJob, type UnpackResult, type WorkerReply, type WorkerRequest } from './backup-protocol';
import { dataStart, DEFLATED, dosDateTime, STORED, unpackEntry, writeLocalHeader } from './zip-format';

const port = parentPort;
if (!port) throw new Error('backup-worker.ts runs as a worker thread');

port.on('message', ({ id, job }: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    const result = job.kind === 'pack' ? pack(job) : job.kind === 'chunk' ? chunk(job) : unpack(job);
    reply = { id, result };
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    reply = { id, error: { message: e?.message ?? String(error), code: e?.code, syscall: e?.syscall, path: e?.path } };
  }
  const moved: ArrayBuffer[] = [];
  if ('result' in reply) {
    const r = reply.result;
    if ('bytes' in r) moved.push(r.bytes.buffer as ArrayBuffer);
    if ('sha256' in r) moved.push(r.sha256.buffer as ArrayBuffer);
    if ('raw' in r) moved.push(r.raw.buffer as ArrayBuffer, ...(r.deflated ? [r.deflated.buffer as ArrayBuffer] : []));
  }
  port.postMessage(reply, moved);
});

function pack(job: PackJob): PackResult {
  const parts: Buffer[] = [];
  const packed: PackedFile[] = [];
  const large: PackResult['large'] = [];
  const vanished: number[] = [];
  let bytes = 0;
  let done = 0;
  for (const file of job.files) {
    if (bytes >= job.runBytes) break;
    done++;
    let fd: number;
    try {
      fd = openSync(join(job.root, ...file.path.split('/')), 'r');
    } catch (error) {
      // removed since the folder was listed (a marker file of the search index): not part of the archive any more
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      vanished.push(file.index);
      continue;
    }
    let raw: Buffer;
    let info;
    try {
      info = fstatSync(fd);
      if (info.size > job.wholeBytes) {
        large.push({ index: file.index, size: info.size, mtimeMs: info.mtimeMs, mode: info.mode & 0o777 });
        continue;
      }
      // the size fstat gave (readFileSync would fstat again): the archive is held, its files do not change meanwhile
      raw = Buffer.allocUnsafe(info.size);
      const got = readAll(fd, raw, 0);
      if (got < raw.length) raw = raw.subarray(0, got);
    } finally {
      closeSync(fd);
    }
    // Compressed originals are stored, and so is whatever deflate cannot shrink.
    const deflated = file.store || raw.length === 0 ? null : deflateRawSync(raw, deflateOptions(file.huffman));
    const keep = deflated && deflated.length < raw.length ? deflated : null;
    const name = Buffer.from(file.name);
    const entry = { name, method: keep ? DEFLATED : STORED, ...dosDateTime(info.mtime), crc: crc32(raw), compressed: (keep ?? raw).length, size: raw.length };
    const header = Buffer.allocUnsafe(30 + name.length);
    writeLocalHeader(header, 0, entry, false);
    packed.push({ index: file.index, method: entry.method, time: entry.time, date: entry.date, crc: entry.crc, compressed: entry.compressed, size: entry.size, mode: info.mode & 0o777, sha256: createHash('sha256').update(raw).digest('hex'), at: bytes });
    parts.push(header, keep ?? raw);
    bytes += header.length + entry.compressed;
  }
  // A buffer of its own (not a slice of Node's shared pool), so that it can be moved.
  const out = Buffer.from(new ArrayBuffer(bytes));
  let at = 0;
  for (const part of parts) at += part.copy(out, at);
  return { done, bytes: out, packed, large, vanished };
}

/** Level 1, or Huffman coding alone (no search for repeated strings) where create-backup.ts says it loses nothing. */
const deflateOptions = (huffman: boolean) => ({ level: 1, strategy: huffman ? constants.Z_HUFFMAN_ONLY : constants.Z_DEFAULT_STRATEGY });

function chunk(job: ChunkJob): ChunkResult {
  const fd = openSync(job.path, 'r');
  let raw: Buffer;
  try {
    const length = job.last ? fstatSync(fd).size - job.offset : job.length;
    if (length < 0) throw new Error(`${job.path} shrank while it was backed up`);
    raw = Buffer.allocUnsafeSlow(length); // an ArrayBuffer of its own: moved to the main thread
    const got = readAll(fd, raw, job.offset);
    if (got < length) {
      if (!job.last) throw new Error(`${job.path} shrank while it was backed up`);
      raw = raw.subarray(0, got);
    }
  } finally {
    closeSync(fd);
  }
  if (job.store) return { raw };
  const piece = deflateRawSync(raw, { ...deflateOptions(job.huffman), finishFlush: job.last ? constants.Z_FINISH : constants.Z_SYNC_FLUSH });
  const deflated = Buffer.from(new ArrayBuffer(piece.length)); // not a view into a larger buffer: moved as it is
  piece.copy(deflated);
  return { raw, deflated };
}

/** Folders this worker has made (or found) during this restore. */
const made = new Set<string>();

type UnpackEntry = { index: number; offset: number; compressed: number; size: number; method: number; crc: number; flags: number; nameBytes: number };

function unpack(job: UnpackJob): UnpackResult {
  const paths = job.paths.split('\n');
  const entries: UnpackEntry[] = paths.map((_, k) => {
    const f = job.fields.subarray(k * UNPACK_FIELDS.length);
    return { index: f[0]!, offset: f[1]!, compressed: f[2]!, size: f[3]!, method: f[4]!, crc: f[5]!, flags: f[6]!, nameBytes: f[7]! };
  });
  // an ArrayBuffer of its own, moved to the main thread
  const sha256 = new Uint8Array(new ArrayBuffer(32 * entries.length));
  let written = 0;
  const fd = openSync(job.zipPath, 'r');
  try {
    // The job's entries lie one after the other in the zip: one read for all of them
    // (names and extra fields at most 128 KB each), then a read of its own for any that does not fit.
    const first = entries[0]!.offset;
    const end = Math.max(...entries.map((e) => e.offset + 30 + e.nameBytes + 1024 + e.compressed));
    const span = Buffer.allocUnsafe(Math.min(end - first, 64 * 1024 * 1024));
    const spanBytes = readAll(fd, span, first);
    for (const [k, entry] of entries.entries()) {
      let data: Buffer;
      try {
        data = entryData(fd, entry, span.subarray(0, spanBytes), first);
      } catch (error) {
        return { written, sha256, failure: { index: entry.index, message: (error as Error).message } };
      }
      // the paths were checked (no '.', '..' or empty segments): joined without join()'s normalising, where '/' is the separator
      const dest = sep === '/' ? `${job.root}/${paths[k]}` : join(job.root, paths[k]!);
      try {
        const dir = dirname(dest);
        if (!made.has(dir)) {
          mkdirSync(dir, { recursive: true });
          made.add(dir);
        }
        const out = openSync(dest, 'wx'); // never over an existing file
        try {
          for (let done = 0; done < data.length; ) done += writeSync(out, data, done, data.length - done);
        } finally {
          closeSync(out);
        }
      } catch (error) {
        const e = error as NodeJS.ErrnoException;
        return { written, sha256, failure: { index: entry.index, message: e.message, code: e.code, syscall: e.syscall } };
      }
      sha256.set(hash('sha256', data, 'buffer'), 32 * k); // one call: no Hash object per file
      written++;
    }
    return { written, sha256 };
  } finally {
    closeSync(fd);
  }
}

/**
 * One entry's bytes, with yauzl's checks: the local header's signature, no encryption, the
 * method, the size the central directory gives (which the restore's limits were checked
 * against: inflating stops past it), and the CRC-32.
 */
function entryData(fd: number, entry: UnpackEntry, span: Buffer, spanAt: number): Buffer {
  const inSpan = (from: number, length: number) => from >= spanAt && from + length <= spanAt + span.length;
  const read = (from: number, length: number): Buffer => {
    if (inSpan(from, length)) return span.subarray(from - spanAt, from - spanAt + length);
    const b = Buffer.allocUnsafe(length);
    if (readAll(fd, b, from) < length) throw new Error('the zip ends inside this entry');
    return b;
  };
  const start = dataStart(entry.flags, read(entry.offset, 30), entry.offset);
  return unpackEntry(read(start, entry.compressed), entry.method, entry.size, entry.crc);
}

function readAll(fd: number, into: Buffer, position: number): number {
  let done = 0;
  while (done < into.length) {
    const n = readSync(fd, into, done, into.length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return done;
}
