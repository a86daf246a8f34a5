import { resolve } from 'node:path';
import { version } from '../../../package.json';
import { RENDERER_DIR } from '../core/built-paths';
import { createEventHub } from '../core/events';
import { diskFailureSentence } from '../core/fs-errors';
import { createCore } from '../core/service';
import { startServer } from '../server/server';
import type { ImportProgress } from '../../shared/model';
import type { Output } from './commands';
import { outcomeLine, printable } from './format';

export interface ServeOptions {
  archiveDir: string;
  port?: number;
  /** printed before the URL, e.g. why the desktop app did not open */
  preface?: string;
  /** watch this folder as the inbox for this run, over Settings → Inbox (which is left as it is) */
  inbox?: string;
}

/** Browser mode: the same core and renderer, over HTTP on 127.0.0.1. Runs until SIGINT/SIGTERM. */
export async function serveCommand(options: ServeOptions, io: Output): Promise<number> {
  const events = createEventHub();
  // What the inbox takes is printed as `import` prints it, so that a terminal running serve shows it too.
  events.subscribe((event, payload) => {
    if (event !== 'import.progress') return;
    const { runId, outcome } = payload as ImportProgress;
    if (runId.startsWith('inbox-') && outcome) (outcome.status === 'failed' ? io.err : io.out)(outcomeLine(outcome));
  });
  const core = await createCore({ archiveDir: options.archiveDir, shell: 'browser', version, emit: events.emit });
  for (const notice of core.archive.notices) io.err(`notice: ${printable(notice)}`);
  if (options.inbox) {
    const status = await core.inbox.configure({ folder: resolve(options.inbox), after: 'move' });
    io.err(status.state === 'watching' ? `inbox: watching ${printable(status.folder)}` : `notice: ${printable(status.message ?? `the inbox ${status.folder} is not watched`)}`);
  }
  let server;
  try {
    server = await startServer({ handlers: core.handlers, jsonPieces: core.jsonPieces, events, rendererDir: RENDERER_DIR, originalPdfPath: (id) => core.archive.originalPdfPath(id), port: options.port });
  } catch (error) {
    await core.close();
    throw error;
  }
  if (options.preface) io.err(options.preface);
  io.out(`Marginalia is serving ${options.archiveDir} at ${server.url}`);
  io.out('Open that address in a browser on this machine. Press Ctrl+C to stop.');

  const running = server;
  return new Promise<number>((resolve) => {
    const stop = async () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      await running.close();
      try {
        await core.close();
        resolve(0);
      } catch (error) {
        // Stopping must never crash: say what was not written (every change acknowledged before is on disk).
        io.err(`marginalia: ${printable(diskFailureSentence(error, 'closing the archive') ?? `closing the archive failed: ${(error as Error).message}`)}`);
        resolve(1);
      }
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
