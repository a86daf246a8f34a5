import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isErrno, syncDir, writeFileDurable } from '../store/durable-file';

/** What changed in the archive since a sync last took it: every document, or these ones. */
export type ChangeScope = { all: true } | { all: false; docs: ReadonlySet<string> };

export const ALL_CHANGED: ChangeScope = { all: true };

/**
 * Which documents changed since the last sync (their metadata, annotations or note), told by
 * the stores as they write, so a sync reads those instead of every record in the archive. The
 * collections, saved searches, label set and entity registry are small and held in memory:
 * a sync compares them whole and they need no entry here.
 *
 * Kept in memory while the archive is open and written to sync/changes.json when it closes.
 * sync/changes.open exists while a session runs: found at open, the last session ended
 * without closing (a crash, a kill), so what it changed is unknown and the next sync compares
 * everything. Nothing is tracked until the archive has synced once (sync/state.json).
 */
export class ChangeLog {
  private docs = new Set<string>();
  private all = false;
  /** marks a sync under way has taken: given back if it fails, dropped when it succeeds */
  private taken = new Set<string>();
  private takenAll = false;
  private tracking = false;

  private constructor(
    private readonly dir: string,
    private readonly writable: boolean,
  ) {}

  private get file() {
    return join(this.dir, 'changes.json');
  }

  private get marker() {
    return join(this.dir, 'changes.open');
  }

  static async open(archiveDir: string, writable: boolean): Promise<ChangeLog> {
    const log = new ChangeLog(join(archiveDir, 'sync'), writable);
    if (writable && existsSync(join(log.dir, 'state.json'))) await log.start();
    return log;
  }

  /** Starts a session: what the last one left is read, and a crash of this one will be known. */
  private async start(): Promise<void> {
    if (existsSync(this.marker)) this.all = true;
    else {
      try {
        const saved = JSON.parse(await readFile(this.file, 'utf8')) as { all?: boolean; docs?: string[] };
        if (saved.all) this.all = true;
        for (const id of saved.docs ?? []) this.docs.add(id);
      } catch (error) {
        // No log beside a sync state: it was synced before changes were logged (or the log was lost).
        if (!isErrno(error, 'ENOENT')) console.warn(`[marginalia] ${this.file} cannot be read (${(error as Error).message}): the next sync compares every record.`);
        this.all = true;
      }
    }
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await writeFileDurable(this.marker, `${process.pid}\n`);
    this.tracking = true;
  }

  /** The stores' hook: these documents changed. */
  markDocs(ids: readonly string[]): void {
    if (!this.tracking) return;
    for (const id of ids) this.docs.add(id);
  }

  /**
   * What changed since the last successful sync, for a sync about to read it: every mark made
   * so far (marks taken earlier in the same sync included). The first sync of a session that
   * tracked nothing yet starts tracking and compares everything.
   */
  async take(): Promise<ChangeScope> {
    if (!this.tracking) {
      if (this.writable) await this.start();
      this.takenAll = true;
    }
    for (const id of this.docs) this.taken.add(id);
    this.takenAll ||= this.all;
    this.docs.clear();
    this.all = false;
    return this.takenAll ? ALL_CHANGED : { all: false, docs: new Set(this.taken) };
  }

  /** The sync that took the marks has saved what it agreed with the server: they are settled. */
  settle(): void {
    this.taken.clear();
    this.takenAll = false;
  }

  /** The sync failed: what it took is still to be compared next time. */
  giveBack(): void {
    for (const id of this.taken) this.docs.add(id);
    this.all ||= this.takenAll;
    this.settle();
  }

  /** Ends the session: the marks not yet synced are written, then the session is known to have closed. */
  async close(): Promise<void> {
    if (!this.tracking) return;
    this.giveBack();
    await writeFileDurable(this.file, JSON.stringify(this.all ? { all: true } : { docs: [...this.docs] }));
    await rm(this.marker, { force: true });
    await syncDir(this.dir);
    this.tracking = false;
  }
}
