import { rename, rm } from 'node:fs/promises';
import { runLimited } from '../run-limited';
import { fsyncFiles, syncDir, syncFileSystem as syncfs } from './durable-file';

/** At most this many documents share one durable commit (their staging folders are written side by side). */
export const MAX_GROUP = 128;

/** Folders written at once while a group is staged: bounds open files (a group may hold 128 documents of 4–5 files). */
const STAGE_CONCURRENCY = 16;

/**
 * During a stream of documents (a commit ended less than STREAM_MS ago), a group smaller
 * than GATHER waits GATHER_MS for more before it commits. Each commit costs the same CPU
 * whatever its size — `sync -f` forked and run, syncfs, docs/ fsynced: ~1.3 ms in all — and
 * an import on two cores made its commits as fast as they came, ~10 documents each, so they
 * were ~5% of its CPU (issue #19). The wait delays an acknowledgement, not the parsing: the
 * files in flight keep the parse workers busy meanwhile. A lone document never waits.
 */
const GATHER = 32;
const GATHER_MS = 10;
const STREAM_MS = 1000;

export interface GroupMember {
  /** the folder the document is staged in (written without fsync) */
  staging: string;
  /** its place in docs/ */
  target: string;
  /** writes every file of the document into `staging`; with `sync`, each file is fsynced as it is written */
  write: (sync: boolean) => Promise<void>;
}

interface Waiting {
  member: GroupMember;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit of new documents (design note, issue #19). An import stored each document by
 * writing its four or five files, fsyncing each and its folder, renaming the folder into
 * docs/ and fsyncing docs/: five or six fsyncs per document, which capped imports at ~150
 * documents/s whatever the CPU. Here the documents that arrive while a commit runs wait for
 * the next one, which covers them all:
 *
 *   1. each member's files are written into its staging folder (no fsync);
 *   2. one sync of the file system (`syncfs(2)` via coreutils `sync -f`) makes every file
 *      and staging folder of the group durable at once — where that is not available
 *      (macOS, Windows, no coreutils), each file and folder is fsynced as before;
 *   3. each staging folder is renamed into docs/, and docs/ is fsynced once;
 *   4. only then is each member acknowledged.
 *
 * A crash before 3 leaves staging folders, which the next open sweeps (nothing of them was
 * acknowledged); a crash during 3 leaves some folders renamed whose files are already
 * durable: complete documents, listed at the next open from their meta.json. A member whose
 * write fails is refused alone; a failed sync or docs/ fsync refuses the whole group (its
 * renamed folders stay: they are complete and are listed at the next open, as after a crash).
 */
export class GroupCommit {
  private queue: Waiting[] = [];
  private running = false;
  /** null until the first commit learns whether `sync -f` works here */
  private fileSystemSync: boolean | null = process.platform === 'linux' ? null : false;

  constructor(private readonly docsDir: string) {}

  add(member: GroupMember): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ member, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length) {
        if (this.queue.length < GATHER && performance.now() - this.lastCommit < STREAM_MS) await new Promise((wake) => setTimeout(wake, GATHER_MS));
        await this.commit(this.queue.splice(0, MAX_GROUP));
        this.lastCommit = performance.now();
      }
    } finally {
      this.running = false;
    }
  }

  /** when the last commit ended (performance.now()) */
  private lastCommit = -Infinity;

  private async commit(group: Waiting[]): Promise<void> {
    const syncEach = this.fileSystemSync === false;
    const staged: Waiting[] = [];
    await runLimited(group, STAGE_CONCURRENCY, async (waiting) => {
      try {
        await waiting.member.write(syncEach);
        staged.push(waiting);
      } catch (error) {
        await rm(waiting.member.staging, { recursive: true, force: true });
        waiting.reject(error);
      }
    });
    if (!staged.length) return;
    try {
      if (!syncEach) await this.syncFileSystem(staged);
    } catch (error) {
      await Promise.all(staged.map((w) => rm(w.member.staging, { recursive: true, force: true })));
      for (const w of staged) w.reject(error);
      return;
    }
    const renamed: Waiting[] = [];
    for (const waiting of staged) {
      try {
        await rename(waiting.member.staging, waiting.member.target);
        renamed.push(waiting);
      } catch (error) {
        await rm(waiting.member.staging, { recursive: true, force: true });
        waiting.reject(error);
      }
    }
    try {
      await syncDir(this.docsDir);
    } catch (error) {
      for (const w of renamed) w.reject(error);
      return;
    }
    for (const w of renamed) w.resolve();
  }

  /**
   * The group's files durable: one syncfs; should it fail, each file and folder is fsynced
   * instead (and, when it never worked here, from then on without trying it).
   */
  private async syncFileSystem(staged: Waiting[]): Promise<void> {
    if (await syncfs(this.docsDir)) {
      this.fileSystemSync = true;
      return;
    }
    if (this.fileSystemSync === null) this.fileSystemSync = false;
    for (const w of staged) {
      // not recursive: a staging folder is flat
      await fsyncFiles(w.member.staging);
      await syncDir(w.member.staging);
    }
  }
}
