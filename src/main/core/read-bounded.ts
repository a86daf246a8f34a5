import { close, constants, fstat, open, read } from 'node:fs';
import { promisify } from 'node:util';
import { ApiError } from '../../shared/api';

/** Why a file (after following links) is not one we read: FIFOs block, devices never end. */
function kindOf(info: { isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean; isDirectory(): boolean }): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Reads a file a user named, refusing anything but a regular file (after following links)
 * and never reading more than `maxBytes`, whatever `stat` said: a link to /dev/zero or a
 * file that grows while it is read is stopped at the limit. Opened non-blocking so that a
 * FIFO without a writer cannot hang the import; the check is on the open handle, so the
 * path cannot be swapped between the check and the read.
 */
export async function readRegularFile(path: string, maxBytes: number, tooLarge: (bytes: number) => string): Promise<Uint8Array> {
  // The callback API on a plain descriptor, not a FileHandle: an import reads every file this
  // way on the main thread, and a FileHandle's promises and its close cost it more (issue #19).
  const fd = await openFile(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = await statFd(fd);
    if (!info.isFile()) throw new ApiError('invalid_input', `${kindOf(info)}, not a file: refused`);
    if (info.size > maxBytes) throw new ApiError('invalid_input', tooLarge(info.size));
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      // Sized to the file (one byte more shows a file that grew), in its own memory: the bytes
      // are posted to a parse worker, and posting a view copies its whole buffer — a 1 MB
      // chunk (or Node's shared pool) per 5 KB file made posting ~1.6 ms a file (issue #19).
      // The read that finds the end takes 64 KB, not 1 MB: a megabyte of external memory per
      // file kept the main thread's garbage collector busy during an import.
      const chunk = Buffer.allocUnsafeSlow(Math.max(1, Math.min(1 << 20, maxBytes + 1 - total, total === 0 ? info.size + 1 : 1 << 16)));
      const bytesRead = await readFd(fd, chunk);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) throw new ApiError('invalid_input', tooLarge(total));
      chunks.push(bytesRead === chunk.length ? chunk : chunk.subarray(0, bytesRead));
      // Exactly the size stat gave, asked for one byte more: the end of a regular file, with no
      // read more to find it (files that say 0 bytes, as /proc's do, read on to the end).
      if (total === info.size && info.size > 0 && chunks.length === 1) break;
    }
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
  } finally {
    await closeFd(fd);
  }
}

const openFile = promisify(open);
const statFd = promisify(fstat);
const closeFd = promisify(close);
/** Reads into the whole of `chunk` from the file's current position: the number of bytes read. */
const readFd = (fd: number, chunk: Buffer): Promise<number> =>
  new Promise((resolve, reject) => read(fd, chunk, 0, chunk.length, null, (error, bytesRead) => (error ? reject(error) : resolve(bytesRead))));
