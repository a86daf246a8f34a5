import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

let tmpCounter = 0;

/** Temp files are named so that a crashed writer's leftovers can be recognised and removed. */
export const TMP_SUFFIX = '.marginalia-tmp';
export const isTempFile = (name: string): boolean => name.endsWith(TMP_SUFFIX);

export interface DurableWriteOptions {
  /** permissions of a new file (default 0o666, less the umask) */
  mode?: number;
  /** the folder may be shared with writers on other machines (a network file system) */
  sharedFolder?: boolean;
}

/**
 * Writes a file so that, once this resolves, the new content survives a crash or power
 * loss: temp file, fsync, rename over the target, fsync the folder. A reader sees the old
 * content or the new, never a mix. (lowdb/steno rename but never fsync.)
 */
export async function writeFileDurable(file: string, data: string | Uint8Array | readonly Uint8Array[], options: DurableWriteOptions = {}): Promise<void> {
  // pid and counter are unique on this machine; in a folder other machines write too, random bytes make the name unique there.
  const unique = `${process.pid}.${++tmpCounter}${options.sharedFolder ? `.${randomBytes(6).toString('hex')}` : ''}`;
  const tmp = join(dirname(file), `.${basename(file)}.${unique}${TMP_SUFFIX}`);
  try {
    await writeAndFsync(tmp, 'w', data, options.mode);
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
  await syncDir(dirname(file));
}

/**
 * Opens `file` with `flag` ('w' a temp file, 'wx' a new file, 'a' a log), writes `data` and
 * fsyncs it: once this resolves the bytes are on disk, but a new file's name is not until its
 * folder is fsynced (writeFileDurable, syncDir). Parts are written one after the other, so a
 * large file need not be joined in memory first.
 */
export async function writeAndFsync(file: string, flag: 'w' | 'wx' | 'a', data: string | Uint8Array | readonly Uint8Array[], mode?: number): Promise<void> {
  const handle = await open(file, flag, mode);
  try {
    for (const part of Array.isArray(data) ? data : [data]) await handle.writeFile(part);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * syncfs(2) of the file system holding `path`, through coreutils `sync -f` (Node has no
 * binding): every file and folder written there so far is durable once this answers true.
 * Linux only; false where it is missing or failed (the caller then fsyncs file by file).
 * One call replaces one fsync per file when many files are written at once (issue #19).
 *
 * The calls go to one small shell started on first use, which runs `sync -f` per line:
 * spawning from this process forks it, and at 30,000 documents (~700 MB) each spawn took
 * ~60 ms of the main thread, more as the archive grew.
 */
export function syncFileSystem(path: string): Promise<boolean> {
  if (process.platform !== 'linux' || /[\n\r]/.test(path)) return Promise.resolve(false);
  return new Promise((resolve) => {
    const helper = (syncHelper ??= startSyncHelper());
    if (!helper) return resolve(false);
    helper.waiting.push(resolve);
    handle(helper.child.stdout).ref();
    helper.child.stdin!.write(`${path}\n`);
  });
}

interface SyncHelper {
  child: ChildProcess;
  /** answers in the order the paths were sent */
  waiting: ((ok: boolean) => void)[];
}
let syncHelper: SyncHelper | null | undefined;
/** A child's pipe is a socket: it can stop holding the event loop open. */
const handle = (pipe: unknown) => pipe as { ref(): void; unref(): void };

function startSyncHelper(): SyncHelper | null {
  let child: ChildProcess;
  try {
    child = spawn('sh', ['-c', 'while IFS= read -r p; do if sync -f -- "$p"; then echo ok; else echo fail; fi; done'], { stdio: ['pipe', 'pipe', 'ignore'] });
  } catch {
    return null;
  }
  const helper: SyncHelper = { child, waiting: [] };
  let out = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    out += chunk;
    let end: number;
    while ((end = out.indexOf('\n')) >= 0) {
      const line = out.slice(0, end);
      out = out.slice(end + 1);
      helper.waiting.shift()?.(line === 'ok');
    }
    // Idle: the helper does not keep the process alive.
    if (!helper.waiting.length) handle(child.stdout).unref();
  });
  const gone = () => {
    if (syncHelper === helper) syncHelper = undefined; // the next call starts another
    for (const answer of helper.waiting.splice(0)) answer(false);
  };
  child.on('error', gone);
  child.on('exit', gone);
  child.stdin!.on('error', gone);
  child.unref();
  handle(child.stdin).unref();
  handle(child.stdout).unref();
  return helper;
}

/** Makes a rename or a new entry in a folder durable. Windows cannot open folders: nothing to do there. */
export async function syncDir(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
  } catch (error) {
    if (isErrno(error, 'EISDIR', 'EPERM', 'EACCES')) return;
    throw error;
  }
  try {
    await handle.sync();
  } catch (error) {
    if (!isErrno(error, 'EINVAL', 'EPERM', 'EBADF')) throw error;
  } finally {
    await handle.close();
  }
}

/** Appends one JSON line to a log and fsyncs it: once this resolves, the line survives a crash. Returns the bytes written. */
export async function appendJsonLine(file: string, value: unknown): Promise<number> {
  const line = `${JSON.stringify(value)}\n`;
  await writeAndFsync(file, 'a', line);
  return Buffer.byteLength(line);
}

/** fsyncs a file already written and closed. */
export async function fsyncFile(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** fsyncs every file already in a folder (not those in its subfolders). */
export async function fsyncFiles(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isFile()) await fsyncFile(join(dir, entry.name));
  }
}

/**
 * syncDir for a folder many writers sync at once (docs/ during an import): a caller whose
 * change happened before a sync started rides on it; one that comes during a sync gets the
 * next, which then covers every caller that waited. Durable as syncDir, with a fraction of
 * the fsyncs.
 */
export function groupSyncDir(dir: string): Promise<void> {
  let group = dirGroups.get(dir);
  if (!group) dirGroups.set(dir, (group = { running: null, next: null }));
  if (group.next) return group.next;
  const g = group;
  const start = (): Promise<void> => {
    g.next = null;
    const running = syncDir(dir).finally(() => {
      g.running = null;
      if (!g.next) dirGroups.delete(dir);
    });
    g.running = running;
    return running;
  };
  if (!g.running) return start();
  g.next = g.running.then(start, start);
  return g.next;
}
const dirGroups = new Map<string, { running: Promise<void> | null; next: Promise<void> | null }>();

/**
 * Removes what interrupted writes left in a folder: temp files are never the only copy of
 * anything (the rename that would have made them current did not happen).
 */
export async function sweepTempFiles(dir: string): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if (isErrno(error, 'ENOENT', 'ENOTDIR')) return 0;
    throw error;
  }
  const stale = names.filter(isTempFile);
  await Promise.all(stale.map((name) => rm(join(dir, name), { force: true })));
  return stale.length;
}

/** Names of the entries of a folder that are not hidden (none when it does not exist). */
export async function folderNames(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((n) => !n.startsWith('.'));
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return [];
    throw error;
  }
}

/** A file's text, or null when it is not there; other errors (permission, I/O) are thrown. */
export async function readIfThere(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return null;
    throw error;
  }
}

/** Whether a path exists; other errors (permission, I/O) are not hidden as "no". */
export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return false;
    throw error;
  }
}

export function isErrno(error: unknown, ...codes: string[]): boolean {
  return error instanceof Error && codes.includes((error as NodeJS.ErrnoException).code ?? '');
}
