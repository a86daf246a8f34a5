import { link, open, readFile, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { readFileSync, unlinkSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { ApiError } from '../../../shared/api';
import { isErrno, syncDir, TMP_SUFFIX } from './durable-file';

export const LOCK_FILE = 'archive.lock';
/** Held for the few milliseconds it takes to replace a stale lock, so only one process replaces it. */
const TAKEOVER_FILE = 'archive.lock.takeover';

export interface LockHolder {
  pid: number;
  host: string;
  owner: string;
  since: string;
  token: string;
  /** Linux boot id: a lock from before a restart is stale whatever its pid now names. */
  boot?: string;
  /** Start time of the holder's process (clock ticks since boot, /proc/<pid>/stat): a reused pid has another. */
  start?: string;
}

/** What a lock file says, judged from this process. */
export type LockVerdict =
  | { state: 'free' }
  | { state: 'alive'; holder: LockHolder }
  | { state: 'stale'; holder: LockHolder | null; why: string }
  | { state: 'unknown'; holder: LockHolder; why: string };

/** Locks this process holds, by token. */
const heldHere = new Set<string>();

export interface ArchiveLock {
  release(): Promise<void>;
}

const UNLOCK_HINT = `If you are sure no Marginalia window or command is writing to this archive, break the lock with: marginalia unlock (it removes ${LOCK_FILE}).`;

/**
 * One writer per archive. Taking the lock is atomic: the holder's record is written to a
 * temp file and link(2)ed into place, which fails if a lock exists, so two writers started
 * at once cannot both get in and nobody ever reads a half-written lock. A holder that is
 * gone (crash, kill -9, restart, pid reused) is stale; it is replaced under a second
 * short-lived lock, after checking that the stale lock is still the one judged, so two
 * processes replacing it at once cannot both win either.
 */
export async function acquireLock(dir: string, owner: string): Promise<ArchiveLock> {
  const file = join(dir, LOCK_FILE);
  const me: LockHolder = { pid: process.pid, host: hostname(), owner, since: new Date().toISOString(), token: randomUUID(), ...processIdentity(process.pid) };
  for (let attempt = 0; attempt < 200; attempt++) {
    if (await createExclusive(dir, file, me)) return makeLock(file, me);
    const verdict = await judgeLock(dir);
    if (verdict.state === 'alive') {
      const { holder } = verdict;
      throw new ApiError(
        'locked',
        `The archive ${dir} is already open for writing by ${holder.owner} (process ${holder.pid}, since ${holder.since}). ` +
          `Close that window or command first, or choose another archive with --archive. ${UNLOCK_HINT}`,
      );
    }
    if (verdict.state === 'unknown') throw new ApiError('locked', `The archive ${dir} is locked by ${verdict.holder.owner}: ${verdict.why}. ${UNLOCK_HINT}`);
    if (verdict.state === 'stale') await replaceStale(dir, file, verdict.holder, me);
    // Another process may be replacing the stale lock right now: give it a moment.
    if (attempt > 0) await sleep(5 + Math.random() * 20);
  }
  throw new ApiError('locked', `Could not take the lock ${file}: other processes keep taking it. ${UNLOCK_HINT}`);
}

/** Reads and judges the lock of an archive (for acquireLock, and for `marginalia unlock` to show). */
export async function judgeLock(dir: string): Promise<LockVerdict> {
  const read = await readHolder(join(dir, LOCK_FILE));
  if (read === 'missing') return { state: 'free' };
  if (read === 'unreadable') return { state: 'stale', holder: null, why: `${LOCK_FILE} is unreadable` };
  return judge(read);
}

/**
 * `marginalia unlock`: removes the lock (and a takeover lock left by a process that died in
 * the middle of one). Answers what was removed; the caller has asked the user to confirm.
 */
export async function breakLock(dir: string): Promise<LockVerdict> {
  const verdict = await judgeLock(dir);
  await rm(join(dir, TAKEOVER_FILE), { force: true });
  await rm(join(dir, LOCK_FILE), { force: true });
  await syncDir(dir).catch(() => undefined);
  return verdict;
}

/** Writes `holder` to a temp file and links it to `file`: false if `file` exists. */
async function createExclusive(dir: string, file: string, holder: LockHolder): Promise<boolean> {
  const tmp = join(dir, `.${LOCK_FILE}.${holder.token}.${randomUUID().slice(0, 8)}${TMP_SUFFIX}`);
  const handle = await open(tmp, 'wx');
  try {
    try {
      await handle.writeFile(JSON.stringify(holder));
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await link(tmp, file);
    } catch (error) {
      // ENOENT: the winner swept our temp file as a leftover; we lost either way.
      if (isErrno(error, 'EEXIST', 'ENOENT')) return false;
      throw error;
    }
    await syncDir(dir).catch(() => undefined);
    return true;
  } finally {
    await rm(tmp, { force: true });
  }
}

/** Removes the stale lock `judged` unless someone replaced it since; only one process at a time does this. */
async function replaceStale(dir: string, file: string, judged: LockHolder | null, me: LockHolder): Promise<void> {
  const guard = join(dir, TAKEOVER_FILE);
  if (!(await createExclusive(dir, guard, { ...me, owner: `${me.owner} (replacing a stale lock)` }))) {
    const other = await readHolder(guard);
    if (other === 'missing') return;
    if (other === 'unreadable' || judge(other).state === 'stale') {
      // Its holder died in the few milliseconds a takeover takes: rare enough to ask the user.
      throw new ApiError('locked', `The archive ${dir} is locked: a process died while it replaced a stale lock (${TAKEOVER_FILE} is left). ${UNLOCK_HINT}`);
    }
    return; // another process is replacing it: the caller looks again
  }
  try {
    const now = await readHolder(file);
    const same = now === 'unreadable' ? judged === null : now !== 'missing' && judged !== null && now.token === judged.token && now.pid === judged.pid;
    if (same) {
      await rm(file, { force: true });
      await syncDir(dir).catch(() => undefined);
    }
  } finally {
    await rm(guard, { force: true });
  }
}

function makeLock(file: string, me: LockHolder): ArchiveLock {
  // A process that exits without closing the archive (Ctrl+C, uncaught error) still frees it.
  const onExit = () => {
    try {
      const holder = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
      if (holder.token === me.token) unlinkSync(file);
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
      if (typeof holder === 'object' && holder.pid === me.pid && holder.token === me.token) await rm(file, { force: true }).catch(() => undefined);
    },
  };
}

async function readHolder(file: string): Promise<LockHolder | 'missing' | 'unreadable'> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return 'missing';
    return 'unreadable';
  }
  try {
    const parsed = JSON.parse(raw) as Partial<LockHolder>;
    if (typeof parsed.pid !== 'number') return 'unreadable';
    return {
      pid: parsed.pid,
      host: String(parsed.host),
      owner: String(parsed.owner ?? 'another process'),
      since: String(parsed.since),
      token: String(parsed.token),
      ...(typeof parsed.boot === 'string' ? { boot: parsed.boot } : {}),
      ...(typeof parsed.start === 'string' ? { start: parsed.start } : {}),
    };
  } catch {
    // Locks are linked into place whole, so a damaged one is not being written: it is stale.
    return 'unreadable';
  }
}

function judge(holder: LockHolder): LockVerdict {
  if (holder.host !== hostname()) {
    return { state: 'unknown', holder, why: `${LOCK_FILE} names another computer (${holder.host}, process ${holder.pid}, since ${holder.since}), and whether that process still runs cannot be checked from here` };
  }
  const here = processIdentity(process.pid);
  if (holder.boot && here.boot && holder.boot !== here.boot) return { state: 'stale', holder, why: 'the computer has restarted since it was taken' };
  if (holder.pid === process.pid && (!holder.start || holder.start === here.start)) {
    return heldHere.has(holder.token) ? { state: 'alive', holder } : { state: 'stale', holder, why: 'this process no longer holds it' };
  }
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if (isErrno(error, 'ESRCH')) return { state: 'stale', holder, why: `process ${holder.pid} has ended` };
  }
  const start = processIdentity(holder.pid).start;
  if (holder.start && start && holder.start !== start) return { state: 'stale', holder, why: `process ${holder.pid} is now another program` };
  return { state: 'alive', holder };
}

/** Boot id and process start time where the system tells them (Linux /proc); empty elsewhere. */
function processIdentity(pid: number): { boot?: string; start?: string } {
  const identity: { boot?: string; start?: string } = {};
  try {
    identity.boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    /* not Linux */
  }
  try {
    // Field 22 (starttime); the command name in field 2 may hold spaces and parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[19]) identity.start = fields[19];
  } catch {
    /* no such process, or not Linux */
  }
  return identity;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
