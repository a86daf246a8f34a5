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
  job: Job | null;
  timer: NodeJS.Timeout | null;
}

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
    await Promise.all(Array.from({ length: this.size }, () => this.parse(tiny, 'warm.txt', {}, { timeoutMs: 60_000 })));
  }

  /**
   * Ends the workers that have nothing to do (an import over, an archive closing: their memory
   * goes back before the index is saved); resolves once they have exited, when their heaps are
   * unmapped (issue #19: two workers held ~100–150 MB of the import's peak at its close).
   */
  async releaseIdle(): Promise<void> {
    if (this.queue.length > 0) return;
    const idle = [...this.slots].filter((slot) => slot.job === null);
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
    for (const slot of slots) this.fail(slot, stopped);
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const slot = [...this.slots].find((s) => s.job === null) ?? (this.slots.size < this.size ? this.start() : undefined);
      if (!slot) return;
      this.assign(slot, this.queue.shift()!);
    }
  }

  private assign(slot: Slot, job: Job): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.job = job;
    slot.worker.ref();
    slot.timer = setTimeout(() => {
      const seconds = +(job.timeoutMs / 1000).toFixed(3);
      this.retire(slot, new ImportError(`reading it took longer than ${seconds} s, so it was stopped (the limit is in Settings → Import)`));
    }, job.timeoutMs);
    slot.worker.postMessage(job.request);
  }

  private start(): Slot {
    const worker = startWorker({ maxOldGenerationSizeMb: this.heapMb });
    const slot: Slot = { worker, job: null, timer: null };
    this.slots.add(slot);
    this.started++;
    worker.on('message', (reply: ParseReply) => {
      const job = slot.job;
      if (!job || reply.id !== job.request.id) return;
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

  /** A finished job: the worker waits for the next one, and ends if none comes (or its heap grew too large). */
  private settle(slot: Slot, heapBytes: number | undefined, bytes: number): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.job = null;
    if (heapBytes === undefined ? bytes >= RECYCLE_FAILED_BYTES : heapBytes > this.recycleHeapMb * 1048576) return this.retire(slot, null);
    slot.worker.unref();
    slot.timer = setTimeout(() => this.retire(slot, null), IDLE_MS);
    slot.timer.unref();
  }

  /** Ends a worker (hung, crashed, idle); its job, if any, fails with the reason. */
  private retire(slot: Slot, reason: ImportError | null): void {
    if (!this.slots.delete(slot)) return;
    if (reason) this.fail(slot, reason);
    if (slot.timer) clearTimeout(slot.timer);
    void slot.worker.terminate();
    this.pump();
  }

  private fail(slot: Slot, reason: ImportError): void {
    const job = slot.job;
    slot.job = null;
    job?.reject(reason);
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
