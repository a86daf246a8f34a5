import { readFileSync } from 'node:fs';
import { prepareFilesDir } from './blob-files';
import { migrate, openPool } from './db';
import { startTeamServer, type RunningTeamServer } from './http';

export interface RunServerOptions {
  db: string;
  /** ADDR:PORT, [ADDR]:PORT or PORT */
  listen?: string;
  cert?: string;
  key?: string;
  trustProxy?: boolean;
  /** a folder for document files (content-addressed) instead of PostgreSQL */
  files?: string;
}

export function parseListen(listen: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:]*)):(\d+)$/.exec(listen) ?? /^()()(\d+)$/.exec(listen);
  const port = Number(match?.[3]);
  if (!match || !Number.isInteger(port) || port > 65535) throw new Error(`--listen wants ADDR:PORT (e.g. 0.0.0.0:8470), not "${listen}".`);
  return { host: match[1] || match[2] || '127.0.0.1', port };
}

/** Migrates the database, then serves; the caller stops it with close(). Stateless apart from PostgreSQL: run as many as you like on one database. */
export async function runServer(options: RunServerOptions): Promise<RunningTeamServer & { applied: number[] }> {
  if ((options.cert === undefined) !== (options.key === undefined)) throw new Error('--cert and --key go together (a PEM certificate and its private key).');
  const { host, port } = parseListen(options.listen ?? '127.0.0.1:8470');
  const pool = openPool(options.db);
  try {
    const applied = await migrate(pool);
    if (options.files) await prepareFilesDir(options.files);
    const tls = options.cert && options.key ? { cert: readFileSync(options.cert), key: readFileSync(options.key) } : undefined;
    const server = await startTeamServer({ pool, host, port, ...(tls ? { tls } : {}), trustProxy: options.trustProxy === true, ...(options.files ? { files: options.files } : {}) });
    return {
      ...server,
      applied,
      close: async () => {
        await server.close();
        await pool.end();
      },
    };
  } catch (error) {
    await pool.end();
    throw error;
  }
}
