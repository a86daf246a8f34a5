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
  conflicts: number;
  refused: { kind: string; id: string; reason: string }[];
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
