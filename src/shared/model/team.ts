/** The team server as the desktop sees it (Settings → Team, marginalia sync). */
export interface TeamStatus {
  server: string | null;
  /** the signed-in user's name (team.user); annotations made here belong to their layer on the server */
  user: string | null;
  role: string | null;
  signedIn: boolean;
  lastSync: string | null;
  cursor: number;
  conflicts: number;
  /** sync every N minutes; 0: only when asked */
  intervalMinutes: number;
  /** a sync under way */
  running: boolean;
  /** why the last sync stopped, if it did */
  lastError: string | null;
}

export interface TeamProgress {
  phase: 'pull' | 'apply' | 'upload' | 'push' | 'done' | 'failed';
  done: number;
  total: number;
  message?: string;
}

export interface TeamSyncSummary {
  pulled: number;
  pushed: number;
  uploaded: number;
  /** new entries in the Sync conflicts list */
  conflicts: number;
  /** local changes this user may not send (their role), kept here */
  refused: { kind: RecordKind; id: string; reason: string }[];
  /** records from the server this archive could not hold (their shape, their id): not applied */
  rejected: { kind: RecordKind; id: string; reason: string }[];
  /** documents that changed in this archive */
  changedDocs: string[];
  cursor: number;
}

/** A field changed on two machines: `kept` is in the archive, `other` waits to be picked. */
export interface TeamConflict {
  id: string;
  kind: string;
  recordId: string;
  title: string;
  path: string;
  kept: unknown;
  other: unknown;
  keptFrom: 'local' | 'server';
  at: string;
}

export const SYNC_INTERVAL_RANGE = [0, 1440] as const;

/** What sync carries, one kind per store of the archive: the desktop and the server speak of the same kinds. */
export const RECORD_KINDS = ['document', 'note', 'annotation', 'collection', 'search', 'labels', 'entity'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** One record as sync carries it: content is the archive's own JSON, kept whole (fields the server does not know included). */
export interface TeamRecord {
  kind: RecordKind;
  id: string;
  version: number;
  deleted: boolean;
  content: unknown;
  /** who created it: an annotation's layer */
  owner: string;
}
