import { randomUUID } from 'node:crypto';
import { isAbsolute } from 'node:path';
import { ApiError, type Emit } from '../../../shared/api';
import type { InboxEvent, InboxSettings, InboxStatus } from '../../../shared/model';
import type { Archive } from '../archive';
import { inboxOverlap, InboxWatcher } from './inbox-watcher';

/** How many handled files the status keeps for the UI. */
const RECENT = 50;

/**
 * The inbox of a running app (desktop or serve): one watcher on the folder the archive's
 * settings name, restarted when they change, stopped before the archive closes. What it
 * handles is reported like any import: progress and library events, plus its own status.
 */
export class InboxService {
  private watcher: InboxWatcher | null = null;
  private current: InboxStatus = { state: 'off', folder: '', recent: [] };

  constructor(
    private readonly archive: Archive,
    private readonly emit: Emit,
    private readonly timing: { settleMs?: number; scanMs?: number } = {},
  ) {}

  status(): InboxStatus {
    return { ...this.current, recent: [...this.current.recent] };
  }

  /** Saves the inbox settings and (re)starts watching. */
  async set(settings: InboxSettings): Promise<InboxStatus> {
    const folder = settings.folder.trim();
    if (folder && !isAbsolute(folder)) throw new ApiError('invalid_input', `The inbox folder must be a full path (such as /home/me/Inbox), not "${folder}".`);
    const overlap = folder ? inboxOverlap(folder, this.archive.layout.root) : null;
    if (overlap) throw new ApiError('invalid_input', overlap);
    await this.archive.catalog.updateSettings((current) => ({ ...current, inbox: { folder, after: settings.after } }));
    return this.configure({ folder, after: settings.after });
  }

  async configure(settings: InboxSettings | undefined): Promise<InboxStatus> {
    await this.stop();
    const folder = settings?.folder.trim() ?? '';
    const wasOff = this.current.state === 'off' && !this.current.folder;
    this.current = { state: 'off', folder, recent: this.current.recent };
    // No inbox before and none now (every start without one): nothing to announce.
    if (!folder || !settings) return wasOff ? this.status() : this.publish();
    const runId = `inbox-${randomUUID()}`;
    const watcher = new InboxWatcher(this.archive, {
      folder,
      after: settings.after,
      ...this.timing,
      onState: (state, message) => {
        this.current = { state, folder, recent: this.current.recent, ...(message ? { message } : {}) };
        this.publish();
      },
      onEvent: (event, outcome) => {
        this.emit('import.progress', { runId, done: 1, total: 1, current: event.file, outcome });
        if (outcome.status === 'imported' || outcome.status === 'new-version') this.emit('library.changed', { ids: [outcome.doc.id] });
        this.current = { ...this.current, recent: [event, ...this.current.recent].slice(0, RECENT) };
        this.publish(event);
      },
    });
    try {
      await watcher.start();
      this.watcher = watcher;
    } catch (error) {
      await watcher.stop();
      this.current = { state: 'error', folder, recent: this.current.recent, message: (error as Error).message };
    }
    return this.publish();
  }

  async stop(): Promise<void> {
    const watcher = this.watcher;
    this.watcher = null;
    await watcher?.stop();
  }

  private publish(latest?: InboxEvent): InboxStatus {
    const status = this.status();
    this.emit('inbox.status', latest ? { ...status, latest } : status);
    return status;
  }
}
