/**
 * The worker threads one backup or restore runs its files through (backup-worker.ts): one
 * per core, up to four, started for the run and ended after it (a backup is rare; an idle
 * pool would hold their memory for nothing).
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { APP_ROOT } from '../built-paths';
import type { ChunkJob, ChunkResult, PackJob, PackResult, UnpackJob, UnpackResult, WorkerReply } from './backup-protocol';

interface Pending {
  resolve: (result: PackResult | UnpackResult | ChunkResult) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
}

export class BackupWorkers {
  private readonly slots: Slot[];
  private nextId = 0;

  constructor(count = Math.max(1, Math.min(4, availableParallelism()))) {
    this.slots = Array.from({ length: count }, () => this.start());
  }

  /** Jobs to keep in flight so that no worker waits for the main thread. */
  get lanes(): number {
    return this.slots.length * 2;
  }

  run(job: PackJob): Promise<PackResult>;
  run(job: UnpackJob): Promise<UnpackResult>;
  run(job: ChunkJob): Promise<ChunkResult>;
  run(job: PackJob | UnpackJob | ChunkJob): Promise<PackResult | UnpackResult | ChunkResult> {
    const slot = this.slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      slot.worker.postMessage({ id, job });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private start(): Slot {
    const slot: Slot = { worker: startWorker(), pending: new Map() };
    const failAll = (error: Error) => {
      for (const p of slot.pending.values()) p.reject(error);
      slot.pending.clear();
    };
    slot.worker.on('message', (reply: WorkerReply) => {
      const p = slot.pending.get(reply.id);
      if (!p) return;
      slot.pending.delete(reply.id);
      if ('result' in reply) p.resolve(reply.result);
      else p.reject(Object.assign(new Error(reply.error.message), reply.error));
    });
    slot.worker.on('error', failAll);
    slot.worker.on('exit', (code) => failAll(new Error(`a backup worker stopped (exit code ${code})`)));

    return slot;
  }
}

/**
 * The built app runs out/main/backup-worker.js (an entry of electron.vite.config.ts). Tests
 * and the bench run the TypeScript sources, so there the worker compiles its file with tsx
 * (as parse-pool.ts does).
 */
function startWorker(): Worker {
  const self = fileURLToPath(import.meta.url);
  if (!self.endsWith('.ts')) return new Worker(join(APP_ROOT, 'out', 'main', 'backup-worker.js'));
  const file = JSON.stringify(pathToFileURL(join(dirname(self), 'backup-worker.ts')).href);
  const tsx = JSON.stringify(pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href);
  return new Worker(`import(${tsx}).then(({ tsImport }) => tsImport(${file}, ${file}))`, { eval: true });
}
