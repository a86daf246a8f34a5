import { availableParallelism } from 'node:os';
import type { SandboxCommand, WorkerLimits } from './pdf-process';
import { PdfWorkerProcess } from './pdf-worker-process';
import { ImportError } from './types';

export interface PoolOptions {
  /** processes reading at once; each reads one file at a time */
  processes: number;
  /** an idle process ends after this long, so an app at rest holds no pdf.js memory */
  idleMs: number;
  /** a process is replaced after this many files, so whatever one file left behind does not grow */
  filesPerProcess: number;
}

/**
 * One process per core beyond the first, at most two: the host lays out every page the
 * workers read, so on two cores a second worker only competes with it (measured with
 * bench/lib/pdf.ts: 1 process 72-91 pages/s, 2 processes 58-75).
 */
export const DEFAULT_POOL: PoolOptions = { processes: Math.max(1, Math.min(availableParallelism() - 1, 2)), idleMs: 5_000, filesPerProcess: 100 };

interface Job {
  password: string | undefined;
  /** more fields for the request's header (the page renderer's page and dpi) */
  extra?: Record<string, unknown>;
  bytes: Uint8Array;
  resolve: (json: string, binary: Buffer) => void;
  reject: (error: ImportError) => void;
  /** read again once already, after its process died under it */
  retried?: boolean;
  /** this file's time limit, over the pool's */
  timeoutMs?: number;
}

interface Slot {
  worker: PdfWorkerProcess;
  job: Job | null;
  timer: NodeJS.Timeout | null;
  files: number;
}

/**
 * Sandboxed pdf.js processes reused across files: starting Node and loading pdf.js costs
 * more than reading a typical PDF. Files wait in one queue; a file that hangs, crashes its
 * process or exhausts its heap fails alone (its process is killed) and the next file gets
 * a fresh process. Idle processes never keep the host alive and end after `idleMs`.
 */
export class PdfWorkerPool {
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  private started = 0;

  constructor(
    private readonly command: () => SandboxCommand,
    private readonly limits: WorkerLimits,
    private readonly options: PoolOptions = DEFAULT_POOL,
  ) {}

  /** The worker's JSON answer for one file, or an ImportError saying why there is none. */
  async read(bytes: Uint8Array, password: string | undefined, timeoutMs?: number, extra?: Record<string, unknown>): Promise<string> {
    return (await this.readWithData(bytes, password, timeoutMs, extra)).json;
  }

  /** The answer with the raw bytes the worker sent after it (a rendered page's pixels). */
  readWithData(bytes: Uint8Array, password: string | undefined, timeoutMs?: number, extra?: Record<string, unknown>): Promise<{ json: string; binary: Buffer }> {
    return new Promise((resolve, reject) => {
      this.queue.push({ password, bytes, resolve: (json, binary) => resolve({ json, binary }), reject, ...(timeoutMs ? { timeoutMs } : {}), ...(extra ? { extra } : {}) });
      this.pump();
    });
  }

  /** How many processes this pool has started: tests check that files share one. */
  get processesStarted(): number {
    return this.started;
  }

  /** Process ids of the live processes, for tests that inspect them. */
  get pids(): number[] {
    return [...this.slots].flatMap((slot) => (slot.worker.pid === undefined ? [] : [slot.worker.pid]));
  }

  /** Ends every process; files queued or being read fail. The pool starts new processes if used again. */
  async stop(): Promise<void> {
    const stopped = new ImportError('PDF reader stopped: the archive was closed');
    for (const job of this.queue.splice(0)) job.reject(stopped);
    const slots = [...this.slots];
    for (const slot of slots) this.retire(slot, stopped);
    await Promise.all(slots.map((slot) => slot.worker.exited));
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let slot = [...this.slots].find((s) => s.job === null);
      if (!slot && this.slots.size < this.options.processes) {
        try {
          slot = this.start();
        } catch (error) {
          this.queue.shift()!.reject(error instanceof ImportError ? error : new ImportError(`PDF reader could not start: ${(error as Error).message}`));
          continue;
        }
      }
      if (!slot) return;
      this.assign(slot, this.queue.shift()!);
    }
  }

  private start(): Slot {
    const command = this.command();
    // The worker calls back only after this returns (its events come from the child).
    const slot: Slot = {
      worker: new PdfWorkerProcess(command, this.limits, {
        answer: (json, binary) => this.answered(slot, json, binary),
        end: (reason, died) => this.retire(slot, reason, died),
      }),
      job: null,
      timer: null,
      files: 0,
    };
    this.slots.add(slot);
    this.started++;
    return slot;
  }

  private answered(slot: Slot, json: string, binary: Buffer): void {
    const job = slot.job;
    if (!job) return;
    this.settle(slot);
    job.resolve(json, binary);
    this.pump();
  }

  private assign(slot: Slot, job: Job): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.job = job;
    slot.files++;
    slot.worker.setKeepsAlive(true);
    const timeoutMs = job.timeoutMs ?? this.limits.timeoutMs;
    slot.timer = setTimeout(() => {
      const reason = new ImportError(`PDF took longer than ${timeoutMs / 1000} s to read; it may be damaged or extremely complex (the limit is in Settings → Import)`);
      this.retire(slot, reason);
    }, timeoutMs);
    slot.worker.send(job.password, job.bytes, job.extra);
  }

  /** A file is done: the process waits for the next one, or ends if it has read its share. */
  private settle(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.job = null;
    if (slot.files >= this.options.filesPerProcess) return this.retire(slot, null);
    slot.worker.setKeepsAlive(false);
    slot.timer = setTimeout(() => this.retire(slot, null), this.options.idleMs);
    slot.timer.unref();
  }

  /**
   * Ends a process (hung, crashed, idle, done); its file, if any, fails with the reason.
   * A process that died on its own after other files may have died of them (memory they
   * left, a rejection pdf.js left pending): its file is read once more in a fresh process,
   * so that a file fails for a crash only when it crashes a process by itself.
   */
  private retire(slot: Slot, reason: ImportError | null, died = false): void {
    if (!this.slots.delete(slot)) return;
    if (slot.timer) clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = null;
    const why = reason ?? new ImportError('PDF reader stopped');
    slot.worker.kill(why);
    if (job && died && slot.files > 1 && !job.retried) {
      job.retried = true;
      this.queue.unshift(job);
    } else job?.reject(why);
    this.pump();
  }
}
