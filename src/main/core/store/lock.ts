import { open, readFile, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { unlinkSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { ApiError } from '../../../shared/api';
import { isErrno } from './durable-file';

export const LOCK_FILE = 'archive.lock';

interface LockHolder {
  pid: number;
  host: string;
  owner: string;
  since: string;
  token: string;
}

/** Locks this process holds, by token. */
const heldHere = new Set<string>();

export interface ArchiveLock {
  release(): Promise<void>;
}

/**
 * One writer per archive. The lock file names its holder; a holder whose process is gone
 * (crash, kill -9) is stale and taken over at once, so a crash never locks a user out.
 */
export async function acquireLock(dir: string, owner: string): Promise<ArchiveLock> {
  const file = join(dir, LOCK_FILE);
  const me: LockHolder = { pid: process.pid, host: hostname(), owner, since: new Date().toISOString(), token: randomUUID() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(file, 'wx');
      try {
        await handle.writeFile(JSON.stringify(me));
        await handle.sync();
      } finally {
        await handle.close();
      }
      return makeLock(file, me);
    } catch (error) {
      if (!isErrno(error, 'EEXIST')) throw error;
    }
    const holder = await readHolder(file);
    if (holder && holderIsAlive(holder)) {
      const where = holder.host === me.host ? '' : ` on ${holder.host}`;
      throw new ApiError(
        'locked',
        `The archive ${dir} is already open for writing by ${holder.owner} (process ${holder.pid}${where}, since ${holder.since}). ` +
          `Close that window or command first, or choose another archive with --archive.`,
      );
    }
    await rm(file, { force: true });
  }
  throw new ApiError('locked', `Could not take the lock ${file}: another process keeps taking it.`);
}

function makeLock(file: string, me: LockHolder): ArchiveLock {
  // A process that exits without closing the archive (Ctrl+C, uncaught error) still frees it.
  const onExit = () => {
    try {
      unlinkSync(file);
    } catch {
      /* already gone */
    }
  };
  process.once('exit', onExit);
  heldHere.add(me.token);
  return {
    async release() {
      process.off('exit', onExit);
      heldHere.delete(me.token);
      const holder = await readHolder(file);
      // On a file system that became read-only the lock cannot go; the next writer finds it stale.
      if (holder?.pid === me.pid && holder.token === me.token) await rm(file, { force: true }).catch(() => undefined);
    },
  };
}

async function readHolder(file: string): Promise<LockHolder | null> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<LockHolder>;
    if (typeof parsed.pid !== 'number') return null;
    return { pid: parsed.pid, host: String(parsed.host), owner: String(parsed.owner ?? 'another process'), since: String(parsed.since), token: String(parsed.token) };
  } catch {
    return null; // unreadable or half-written lock: treat as stale
  }
}

function holderIsAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true; // cannot tell from here: assume alive
  // Our own pid: alive only if this process really holds it (pids are reused after reboots).
  if (holder.pid === process.pid) return heldHere.has(holder.token);
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return !isErrno(error, 'ESRCH');
  }
}
