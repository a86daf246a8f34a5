import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isErrno, writeFileDurable } from '../core/store/durable-file';
import { TeamError } from './roles';

/**
 * Document files in a folder instead of PostgreSQL (marginalia server --files DIR), by SHA-256:
 * DIR/ab/abcdef…. Several server processes may share the folder (on one machine or a network
 * file system): a file is written under a name of its own, fsynced, then renamed to its hash,
 * so two processes storing the same file at once each put whole, identical bytes in place.
 */
export const blobPath = (dir: string, sha256: string) => join(dir, sha256.slice(0, 2), sha256);

/** Checks the folder can be written, once at start: a server that cannot keep files must not accept them. */
export async function prepareFilesDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    const probe = join(dir, `.probe-${process.pid}-${randomBytes(4).toString('hex')}`);
    const handle = await open(probe, 'w');
    await handle.close();
    await rm(probe);
  } catch (error) {
    throw new Error(`--files ${dir} cannot be written (${(error as Error).message}).`, { cause: error });
  }
}

/** Stores a file durably under its hash; one already there (whole: its size matches) is left as it is. */
export async function writeBlobFile(dir: string, sha256: string, bytes: Buffer): Promise<void> {
  const file = blobPath(dir, sha256);
  const present = await stat(file).catch(() => null);
  if (present?.size === bytes.length) return;
  const folder = join(dir, sha256.slice(0, 2));
  await mkdir(folder, { recursive: true });
  await writeFileDurable(file, bytes, { mode: 0o640, sharedFolder: true });
}

export async function readBlobFile(dir: string | undefined, sha256: string, size: number): Promise<Buffer> {
  if (!dir) throw new TeamError(500, `The file ${sha256} is kept in a files folder, and this server was started without --files: start every server with the same --files DIR.`);
  try {
    const bytes = await readFile(blobPath(dir, sha256));
    if (bytes.length !== size) throw new Error(`it has ${bytes.length} bytes, the database says ${size}`);
    return bytes;
  } catch (error) {
    const why = isErrno(error, 'ENOENT') ? 'it is missing' : (error as Error).message;
    throw new TeamError(500, `The file ${sha256} cannot be read from ${blobPath(dir, sha256)} (${why}).`);
  }
}
