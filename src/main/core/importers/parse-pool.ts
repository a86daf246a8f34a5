import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { APP_ROOT } from '../built-paths';
import type { StageOutcome, StageTarget } from '../store/stage-files';
import type { ParseReply, ParseRequest } from './parse-protocol';
import type { AnalysedFile } from './analyse';
import { ImportError, type ParseOptions } from './types';

export interface ParseLimits {
  /** a file still being read after this long is stopped and reported */
  timeoutMs: number;
}

/** Heap of one worker, MB: a file that needs more fails alone instead of taking the app down. */
const HEAP_MB = 2048;
/** Idle workers end after this long, so an app at rest holds no parser memory. */
const IDLE_MS = 10_000;
/**
 * A worker ends once its heap (V8's heap and the memory its buffers hold, as it reports
 * after each file) has grown past this: a V8 heap that grew for one large document keeps
 * its memory, and ending the worker is what returns it. Measured, not guessed from the
 * file: a 2 MB text leaves a worker at ~30 MB, and each new worker costs ~1.3 s of CPU
 * before its code is compiled and optimised again (its first 1,000 bench files took
 * 3.2 ms of CPU each, the next 1,000 2.0 ms), so the former rule (after any file over
 * 1 MB or after 1,000 files) spent ~1 ms of CPU a document on fresh workers (issue #19).
 */
const RECYCLE_HEAP_MB = 96;
/** A file that failed says nothing of the heap: a worker that failed on a file this large ends. */
const RECYCLE_FAILED_BYTES = 1024 * 1024;

/** A parsed file, and with a staging folder asked for, what became of it (once staged, its blocks are not sent back: empty). */
export type StagedFile = AnalysedFile & { staged?: StageOutcome };

interface Job {
  request: ParseRequest;
  timeoutMs: number;
  resolve: (parsed: StagedFile) => void;
  reject: (error: ImportError) => void;
}

interface Slot {
  worker: Worker;
  /** the jobs posted to this worker, in order: the first is the one it is reading (it reads one at a time) */
  jobs: Job[];
  /** the first job's time limit, or (no job) the idle end */
  timer: NodeJS.Timeout | null;
  /** takes no more jobs: ends once those posted are done (its heap grew too large) */
  draining: boolean;
}

/**
 * Files posted to one worker ahead of its answers (issue #19). With one file at a time, each
 * next file waited for the main thread to take the answer, and the main thread's index and
 * library compactions (1–2 s at 100,000 documents, synchronous) left both workers without
 * work meanwhile. Files posted ahead wait in the worker's own message queue: it goes on
 * reading them while the main thread is busy. Bounded, so that one worker stuck on a large
 * file does not hold most of the queue while the other runs dry; its answers then wait for
 * the main thread, which reads them after the compaction.
 */
const AHEAD = 256;

/**
 * Worker threads that parse files (TXT, Markdown, HTML, DOCX, EPUB, ODT, RTF) off the main thread: the app
 * and the server stay responsive during an import, both cores parse, and a file that hangs
 * or exhausts memory is stopped (its worker is terminated and replaced) and fails alone.
 * PDF is parsed in its own sandboxed process (pdf-process.ts) and does not come here.
 */
export class ParsePool {
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  private nextId = 1;
  private started = 0;

  constructor(
    private readonly size = Math.max(1, Math.min(availableParallelism(), 4)),
    private readonly heapMb = HEAP_MB,
    private readonly recycleHeapMb = RECYCLE_HEAP_MB,
    private readonly ahead = AHEAD,
  ) {}

  /**
   * With `stage`, the worker also writes the new document's original, text and blocks into
   * that folder (not durable yet; see store/stage-files.ts). Should the job fail, whatever
   * the worker wrote there is the caller's to remove.
   */
  parse(bytes: Uint8Array, fileName: string, options: ParseOptions, limits: ParseLimits, stage?: StageTarget): Promise<StagedFile> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request: { id: this.nextId++, bytes, fileName, options, ...(stage ? { stage } : {}) }, timeoutMs: limits.timeoutMs, resolve, reject });
      this.pump();
    });
  }

  /** How many workers this pool has started: tests check when they are replaced. */
  get workersStarted(): number {
    return this.started;
  }

  /** Starts every worker and waits until each has read a file, so the first import does not wait for them. */
  async warm(): Promise<void> {
    const tiny = new TextEncoder().encode('warm');
    // One each: a worker not started yet is preferred to a second file for a busy one (see pump).
    await Promise.all(Array.from({ length: this.size }, () => this.parse(tiny, 'warm.txt', {}, { timeoutMs: 60_000 })));
  }

  /**
   * Ends the workers that have nothing to do (an import over, an archive closing: their memory
   * goes back before the index is saved); resolves once they have exited, when their heaps are
   * unmapped (issue #19: two workers held ~100–150 MB of the import's peak at its close).
   */
  async releaseIdle(): Promise<void> {
    if (this.queue.length > 0) return;
    const idle = [...this.slots].filter((slot) => slot.jobs.length === 0);
    const exited = idle.map((slot) => new Promise<void>((resolve) => slot.worker.once('exit', () => resolve())));
    for (const slot of idle) this.retire(slot, null);
    await Promise.all(exited);
  }

  /** Ends every worker; files queued or being read fail. The pool starts new workers if used again. */
  async stop(): Promise<void> {
    const stopped = new ImportError('the import was stopped');
    for (const job of this.queue.splice(0)) job.reject(stopped);
    const slots = [...this.slots];
    this.slots.clear();
    for (const slot of slots) for (const job of slot.jobs.splice(0)) job.reject(stopped);
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  /** Queued files go to an idle worker, else to a new one while there are fewer than `size`, else to the worker with the fewest posted. */
  private pump(): void {
    while (this.queue.length > 0) {
      let best: Slot | undefined;
      for (const slot of this.slots) if (!slot.draining && (!best || slot.jobs.length < best.jobs.length)) best = slot;
      const slot = best?.jobs.length === 0 ? best : this.slots.size < this.size ? this.start() : best && best.jobs.length < this.ahead ? best : undefined;
      if (!slot) return;
      this.assign(slot, this.queue.shift()!);
    }
  }

  private assign(slot: Slot, job: Job): void {
    slot.jobs.push(job);
    if (slot.jobs.length === 1) this.startClock(slot);
    slot.worker.postMessage(job.request);
  }

  /** The first posted job's time limit runs from when the worker is known to start it: posted to an idle worker, or the answer before it taken. */
  private startClock(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    const job = slot.jobs[0]!;
    slot.worker.ref();
    slot.timer = setTimeout(() => {
      const seconds = +(job.timeoutMs / 1000).toFixed(3);
      this.retire(slot, new ImportError(`reading it took longer than ${seconds} s, so it was stopped (the limit is in Settings → Import)`));
    }, job.timeoutMs);
  }

  private start(): Slot {
    const worker = startWorker({ maxOldGenerationSizeMb: this.heapMb });
    const slot: Slot = { worker, jobs: [], timer: null, draining: false };
    this.slots.add(slot);
    this.started++;
    worker.on('message', (reply: ParseReply) => {
      const job = slot.jobs[0];
      if (!job || reply.id !== job.request.id) return;
      slot.jobs.shift();
      this.settle(slot, reply.ok ? reply.heapBytes : undefined, job.request.bytes.byteLength);
      if (reply.ok) job.resolve(reply.staged ? { ...reply.parsed, staged: reply.staged } : reply.parsed);
      else job.reject(reply.importError ? new ImportError(reply.message, reply.code) : new ImportError(`could not be read: ${reply.message}`));
      this.pump();
    });
    worker.on('error', (error: Error & { code?: string }) => {
      const reason = error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'reading it needed more memory than an import may use, so it was stopped' : `the reader failed: ${error.message}`;
      this.retire(slot, new ImportError(reason));
    });
    worker.on('exit', () => this.retire(slot, new ImportError('the reader stopped unexpectedly')));
    return slot;
  }

  /**
   * A finished job: the worker starts its next posted one, or waits for one and ends if none
   * comes. A worker whose heap grew too large takes no more and ends once those posted are done.
   */
  private settle(slot: Slot, heapBytes: number | undefined, bytes: number): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    if (heapBytes === undefined ? bytes >= RECYCLE_FAILED_BYTES : heapBytes > this.recycleHeapMb * 1048576) slot.draining = true;
    if (slot.jobs.length > 0) return this.startClock(slot);
    if (slot.draining) return this.retire(slot, null);
    slot.worker.unref();
    slot.timer = setTimeout(() => this.retire(slot, null), IDLE_MS);
    slot.timer.unref();
  }

  /**
   * Ends a worker (hung, crashed, idle, drained). With a reason, the job it was reading fails
   * with it; the jobs posted behind it were not started (it reads one at a time) and go back
   * to the front of the queue, for another worker.
   */
  private retire(slot: Slot, reason: ImportError | null): void {
    if (!this.slots.delete(slot)) return;
    if (slot.timer) clearTimeout(slot.timer);
    const jobs = slot.jobs.splice(0);
    if (reason && jobs.length) jobs.shift()!.reject(reason);
    const ended = slot.worker.terminate();
    // Requeued once the thread has stopped: it writes no staging folder another worker then writes.
    const requeue = () => {
      this.queue.unshift(...jobs);
      this.pump();
    };
    if (jobs.length) void ended.then(requeue, requeue);
    this.pump();
  }
}

/**
 * The built app runs out/main/parse-worker.js (an entry of electron.vite.config.ts). Tests
 * and the bench run the TypeScript sources, so there the worker compiles its file with tsx,
 * except in the children that tests bundle (test-support/child-bundle.ts): their bundle names
 * a bundled worker here, so the ~100 crash-test children do not compile the parsers again each.
 */
function startWorker(resourceLimits: ResourceLimits): Worker {
  const self = fileURLToPath(import.meta.url);
  if (!self.endsWith('.ts')) return new Worker(join(APP_ROOT, 'out', 'main', 'parse-worker.js'), { resourceLimits });
  const bundled = process.env.MARGINALIA_PARSE_WORKER;
  if (bundled) return new Worker(bundled, { resourceLimits });
  const file = JSON.stringify(pathToFileURL(join(dirname(self), 'parse-worker.ts')).href);
  const tsx = JSON.stringify(pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href);
  return new Worker(`import(${tsx}).then(({ tsImport }) => tsImport(${file}, ${file}))`, { eval: true, resourceLimits });
}

/** The pool every archive in this process shares (one per process: the cores are shared too). */
export const parsePool = new ParsePool();

