/**
 * A parse worker thread (see parse-pool.ts): reads one file at a time off the main thread,
 * so a slow or hostile document cannot freeze the app, and two cores parse side by side.
 */
import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { writeStagedFiles } from '../store/stage-files';
import { analyseFile } from './analyse';
import { ImportError } from './types';
import type { ParseReply, ParseRequest } from './parse-protocol';

const port = parentPort;
if (!port) throw new Error('parse-worker.ts runs as a worker thread');

port.on('message', (request: ParseRequest) => {
  void analyseFile(request.bytes, request.fileName, request.options).then(
    (parsed): void => {
      // A new document's files are written here, so the main thread only commits them (issue #19).
      const staged = request.stage ? writeStagedFiles(request.stage, request.bytes, parsed) : undefined;
      // The analysis's typed arrays move to the main thread instead of being copied.
      const { counts, positionEnds, positions } = parsed.analysis;
      // What this worker's heap holds now: the pool replaces a worker whose heap grew (see parse-pool.ts).
      const heap = getHeapStatistics();
      const heapBytes = heap.total_heap_size + heap.external_memory;
      // Blocks written to the staging folder are not sent back: the main thread does not read them (nor clone them).
      const reply = staged && 'checks' in staged ? { ...parsed, blocks: [] } : parsed;
      port.postMessage({ id: request.id, ok: true, parsed: reply, ...(staged ? { staged } : {}), heapBytes } satisfies ParseReply, [...new Set([counts.buffer, positionEnds.buffer, positions.buffer])] as ArrayBuffer[]);
    },
    (error: unknown): void => {
      const failure = error instanceof ImportError ? { message: error.message, code: error.code } : { message: (error as Error)?.message ?? String(error) };
      port.postMessage({ id: request.id, ok: false, importError: error instanceof ImportError, ...failure } satisfies ParseReply);
    },
  );
});
