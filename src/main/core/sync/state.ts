import { mkdir, readFile, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isErrno, syncDir, writeAndFsync } from '../store/durable-file';
import type { FieldConflict } from './merge';
import type { RecordKind } from './local-records';

/** A record as both sides agreed on it at the last sync: the server's version, the content (the base of a merge) and its digest. */
export interface KnownRecord {
  v: number;
  base: unknown;
  owner?: string;
  /** digest of the base's canonical JSON: comparing a local record with it costs one digest, not two serialisations */
  h?: string;
}

/** A field both machines changed: the later value is in the archive, the other waits here to be picked. */
export interface SyncConflict extends FieldConflict {
  id: string;
  kind: RecordKind;
  recordId: string;
  /** a name to show (the document's title, the collection's name) */
  title: string;
  at: string;
}

/**
 * What an archive knows of its server, readable by its owner only: the token, the version it
 * has pulled up to, and for each record the server's version and the content both sides
 * agreed on at the last sync (the base of a three-way merge).
 *
 * On disk: sync/state.json holds everything but the records (small, rewritten whole);
 * sync/records.jsonl holds the records, one line per change, appended (fsynced) as a sync
 * goes, and rewritten whole only when it has grown to twice what it describes. A sync of 100
 * changes appends 100 lines instead of rewriting the agreed copies of 10,000 documents.
 */
export interface SyncState {
  version: 1;
  server?: string;
  user?: string;
  role?: string;
  token?: string;
  /** the kinds this user may write (the server's answer at sign-in) */
  writable?: string[];
  cursor: number;
  records: Record<string, KnownRecord>;
  conflicts: SyncConflict[];
  lastSync?: string;
  /** Settings → Team: sync every N minutes (0: only when asked) */
  intervalMinutes?: number;
  /** the next sync compares every record, not only what the change log names (set when a sign-in starts afresh) */
  rescan?: boolean;
}

/** What this process knows of a state object it loaded or saved: the records changed since, and the file's length in lines. */
interface Tracking {
  dirty: Set<string>;
  lines: number;
}
const tracking = new WeakMap<SyncState, Tracking>();

/** The state last loaded or saved in this process, by archive folder, and the files' stamp it was read from. */
const cache = new Map<string, { state: SyncState; stamp: string }>();

export const emptyState = (): SyncState => ({ version: 1, cursor: 0, records: {}, conflicts: [] });

export const stateFile = (archiveDir: string) => join(archiveDir, 'sync', 'state.json');
export const recordsFile = (archiveDir: string) => join(archiveDir, 'sync', 'records.jsonl');

/** Records what both sides now agree on for `key` (saved with the next saveState, as one appended line). */
export function setKnown(state: SyncState, key: string, record: KnownRecord): void {
  state.records[key] = record;
  tracking.get(state)?.dirty.add(key);
}

export function dropKnown(state: SyncState, key: string): void {
  delete state.records[key];
  tracking.get(state)?.dirty.add(key);
}

async function stampOf(archiveDir: string): Promise<string> {
  const parts = await Promise.all(
    [stateFile(archiveDir), recordsFile(archiveDir)].map((f) =>
      stat(f, { bigint: true }).then(
        (s) => `${s.ino}:${s.size}:${s.mtimeNs}`,
        () => '-',
      ),
    ),
  );
  return parts.join('|');
}

/** Forgets what this process holds of the archive's state (a sync failed half-way: the files are the truth). */
export function forgetState(archiveDir: string): void {
  cache.delete(archiveDir);
}

/**
 * The archive's sync state. In a process that keeps the archive open (the app, the browser
 * mode) the state read or written last is answered again while its files are unchanged, so a
 * sync does not parse megabytes of agreed copies each time.
 */
export async function loadState(archiveDir: string): Promise<SyncState> {
  const stamp = await stampOf(archiveDir);
  const cached = cache.get(archiveDir);
  if (cached && cached.stamp === stamp) return cached.state;
  let state: SyncState;
  let lines = 0;
  let whole = false;
  try {
    const raw = JSON.parse(await readFile(stateFile(archiveDir), 'utf8')) as SyncState;
    if (raw?.version !== 1 || typeof raw.cursor !== 'number') throw new Error('not a sync state');
    raw.conflicts ??= [];
    state = raw;
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return emptyState();
    throw unreadable(stateFile(archiveDir), error);
  }
  if (state.records && typeof state.records === 'object') whole = true; // written whole by an earlier version: split at the next save
  else state.records = {};
  try {
    const text = await readFile(recordsFile(archiveDir), 'utf8');
    const rows = text.split('\n');
    // A last line without its newline is a write cut short: left out, and the file rewritten whole at the next save.
    if (rows[rows.length - 1] !== '') whole = true;
    rows.pop();
    for (const row of rows) {
      const line = JSON.parse(row) as { k: string; r?: KnownRecord };
      if (line.r) state.records[line.k] = line.r;
      else delete state.records[line.k];
      lines++;
    }
  } catch (error) {
    if (!isErrno(error, 'ENOENT')) throw unreadable(recordsFile(archiveDir), error);
  }
  tracking.set(state, { dirty: whole ? new Set(Object.keys(state.records)) : new Set(), lines: whole ? Number.POSITIVE_INFINITY : lines });
  cache.set(archiveDir, { state, stamp });
  return state;
}

const unreadable = (file: string, error: unknown) =>
  new Error(`${file} cannot be read (${(error as Error).message}); move the sync folder aside and sign in again to sync from scratch.`, { cause: error });

/** The sync state holds the account's records: readable by its owner alone. */
const writeDurably = (file: string, text: string, flag: 'a' | 'w'): Promise<void> => writeAndFsync(file, flag, text, 0o600);

/**
 * Saves the state: the records changed since the last save are appended to records.jsonl
 * (fsynced) before state.json (its cursor) is replaced, so a crash between the two leaves
 * records ahead of the cursor, which the next pull skips as known, never behind it.
 */
export async function saveState(archiveDir: string, state: SyncState): Promise<void> {
  const dir = join(archiveDir, 'sync');
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    // A state object never loaded here (a fresh sign-in) is written whole.
    let track = tracking.get(state);
    if (!track) tracking.set(state, (track = { dirty: new Set(), lines: Number.POSITIVE_INFINITY }));
    const live = Object.keys(state.records).length;
    const file = recordsFile(archiveDir);
    if (track.lines > 2 * live + 1_000) {
      const tmp = `${file}.${process.pid}.tmp`;
      await writeDurably(tmp, Object.entries(state.records).map(([k, r]) => `${JSON.stringify({ k, r })}\n`).join(''), 'w');
      await rename(tmp, file);
      track.lines = live;
    } else if (track.dirty.size) {
      await writeDurably(file, [...track.dirty].map((k) => `${JSON.stringify(state.records[k] ? { k, r: state.records[k] } : { k })}\n`).join(''), 'a');
      track.lines += track.dirty.size;
    }
    track.dirty.clear();
    // Written whole, fsynced and renamed into place; created readable by its owner only, as it holds the token.
    const header = stateFile(archiveDir);
    const tmp = `${header}.${process.pid}.tmp`;
    await writeDurably(tmp, JSON.stringify({ ...state, records: undefined }), 'w');
    await rename(tmp, header);
    await syncDir(dir);
    cache.set(archiveDir, { state, stamp: await stampOf(archiveDir) });
  } catch (error) {
    forgetState(archiveDir);
    throw error;
  }
}
