import { version } from '../../../package.json';
import { RENDERER_DIR } from '../core/built-paths';
import { createEventHub } from '../core/events';
import { createCore } from '../core/service';
import { startServer } from '../server/server';
import type { Output } from './commands';

export interface ServeOptions {
  archiveDir: string;
  port?: number;
  /** printed before the URL, e.g. why the desktop app did not open */
  preface?: string;
}

/** Browser mode: the same core and renderer, over HTTP on 127.0.0.1. Runs until SIGINT/SIGTERM. */
export async function serveCommand(options: ServeOptions, io: Output): Promise<number> {
  const events = createEventHub();
  const core = await createCore({ archiveDir: options.archiveDir, shell: 'browser', version, emit: events.emit });
  for (const notice of core.archive.notices) io.err(`notice: ${notice}`);
  let server;
  try {
    server = await startServer({ handlers: core.handlers, events, rendererDir: RENDERER_DIR, originalPdfPath: (id) => core.archive.originalPdfPath(id), port: options.port });
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
      await core.close();
      resolve(0);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
