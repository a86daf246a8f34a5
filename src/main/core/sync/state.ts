import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { isErrno, syncDir } from '../store/durable-file';
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
 * What an archive knows of its server (sync/state.json, readable by its owner only): the
 * token, the version it has pulled up to, and for each record the server's version and the
 * content both sides agreed on at the last sync (the base of a three-way merge).
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
}

export const emptyState = (): SyncState => ({ version: 1, cursor: 0, records: {}, conflicts: [] });

export const stateFile = (archiveDir: string) => join(archiveDir, 'sync', 'state.json');

export async function loadState(archiveDir: string): Promise<SyncState> {
  try {
    const raw = JSON.parse(await readFile(stateFile(archiveDir), 'utf8')) as SyncState;
    if (raw?.version !== 1 || typeof raw.cursor !== 'number' || typeof raw.records !== 'object') throw new Error('not a sync state');
    raw.conflicts ??= [];
    return raw;
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return emptyState();
    throw new Error(`${stateFile(archiveDir)} cannot be read (${(error as Error).message}); move it aside and sign in again to sync from scratch.`, { cause: error });
  }
}

export async function saveState(archiveDir: string, state: SyncState): Promise<void> {
  await mkdir(join(archiveDir, 'sync'), { recursive: true, mode: 0o700 });
  const file = stateFile(archiveDir);
  // Written whole, fsynced and renamed into place; created readable by its owner only, as it holds the token.
  const tmp = `${file}.${process.pid}.tmp`;
  const handle = await open(tmp, 'w', 0o600);
  try {
    await handle.writeFile(JSON.stringify(state));
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, file);
  await syncDir(join(archiveDir, 'sync'));
}
