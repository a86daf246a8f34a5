import { copyFile, mkdir, open, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isErrno, syncDir } from './durable-file';

const stamp = () => new Date().toISOString().replace(/[:.]/g, '-');

/** Copies a good store file into `dir` as `<prefix>-<time>.json` (fsynced), keeping the newest `keep`. */
export async function keepCopy(file: string, dir: string, prefix: string, keep: number): Promise<string> {
  await mkdir(dir, { recursive: true });
  const target = join(dir, `${prefix}-${stamp()}.json`);
  await copyFile(file, target);
  const handle = await open(target, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await syncDir(dir);
  for (const old of (await listCopies(dir, prefix)).slice(keep)) await rm(join(dir, old), { force: true });
  return target;
}

/** The copies of one store file, newest first. */
export async function listCopies(dir: string, prefix: string): Promise<string[]> {
  try {
    const pattern = new RegExp(`^${prefix}-\\d{4}-.*\\.json$`);
    return (await readdir(dir)).filter((n) => pattern.test(n)).sort().reverse();
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return [];
    throw error;
  }
}

/** The newest copy that `parse` accepts, with when it was taken; null when none does. */
export async function newestGoodCopy<T>(dir: string, prefix: string, parse: (file: string, raw: string) => T): Promise<{ file: string; at: string; data: T } | null> {
  for (const name of await listCopies(dir, prefix)) {
    const file = join(dir, name);
    try {
      const data = parse(file, await readFile(file, 'utf8'));
      return { file, at: (await stat(file)).mtime.toISOString(), data };
    } catch {
      /* damaged too: try the next older */
    }
  }
  return null;
}
