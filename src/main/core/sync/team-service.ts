import { ApiError, type Emit, type Handlers } from '../../../shared/api';
import type { TeamStatus, TeamSyncSummary } from '../../../shared/model';
import type { Archive } from '../archive';
import { SyncError } from './client';
import { adoptSignedInUser, listConflicts, resolveConflict, setSyncInterval, signIn, signOut, syncArchive, syncStatus } from './engine';

type TeamHandlers = Pick<Handlers, 'team.status' | 'team.signIn' | 'team.signOut' | 'team.sync' | 'team.setInterval' | 'team.conflicts' | 'team.resolve'>;

/** What the server said, as the contract's errors: unreachable is an I/O problem; a refusal, bad input. */
function asApiError(error: unknown): unknown {
  if (!(error instanceof SyncError)) return error;
  return new ApiError(error.status === 0 || error.status >= 500 ? 'io' : error.status === 404 ? 'not_found' : 'invalid_input', error.message);
}

/**
 * Settings → Team behind the contract: sign in, sync now (one at a time; a second call joins
 * the one under way), sync every N minutes while the archive is open, and the conflicts list.
 */
export class TeamService {
  private running: Promise<TeamSyncSummary> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lastError: string | null = null;

  constructor(
    private readonly archive: Archive,
    private readonly emit: Emit,
  ) {}

  /** Starts the periodic sync the archive's team settings ask for. */
  async start(): Promise<void> {
    this.schedule((await syncStatus(this.archive.layout.root)).intervalMinutes);
  }

  stop(): Promise<unknown> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    return this.running?.catch(() => undefined) ?? Promise.resolve();
  }

  private schedule(minutes: number): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (minutes > 0) this.timer = setInterval(() => void this.sync().catch(() => undefined), minutes * 60_000).unref();
  }

  async status(): Promise<TeamStatus> {
    return { ...(await syncStatus(this.archive.layout.root)), running: this.running !== null, lastError: this.lastError };
  }

  sync(): Promise<TeamSyncSummary> {
    this.running ??= syncArchive(this.archive, (p) => this.emit('team.progress', p))
      .then(
        (summary) => {
          this.lastError = null;
          this.emit('team.progress', { phase: 'done', done: summary.pulled + summary.pushed, total: summary.pulled + summary.pushed });
          if (summary.changedDocs.length) this.emit('library.changed', { ids: summary.changedDocs });
          return summary;
        },
        (error: unknown) => {
          this.lastError = (error as Error).message;
          this.emit('team.progress', { phase: 'failed', done: 0, total: 0, message: this.lastError });
          throw asApiError(error);
        },
      )
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  handlers(): TeamHandlers {
    const dir = this.archive.layout.root;
    return {
      'team.status': () => this.status(),
      'team.signIn': async ({ server, user, password }) => {
        const account = await signIn(dir, server, user, password).catch((error: unknown) => {
          throw asApiError(error);
        });
        await adoptSignedInUser(this.archive, account.user);
        return this.status();
      },
      'team.signOut': async () => {
        await signOut(dir);
        return this.status();
      },
      'team.sync': () => this.sync(),
      'team.setInterval': async ({ minutes }) => {
        await setSyncInterval(dir, minutes);
        this.schedule(minutes);
        return this.status();
      },
      'team.conflicts': () => listConflicts(dir),
      'team.resolve': async ({ id, use }) => {
        const conflict = await resolveConflict(this.archive, id, use).catch((error: unknown) => {
          throw asApiError(error);
        });
        if (conflict.kind === 'document' || conflict.kind === 'note') this.emit('library.changed', { ids: [conflict.recordId] });
        return listConflicts(dir);
      },
    };
  }
}
