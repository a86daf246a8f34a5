import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { watchPeakRss } from './peak-rss';

export interface Served {
  child: ChildProcess;
  /** the server's origin and the headers its API wants (the token from the printed URL) */
  origin: string;
  /** the address it printed, token included: what a browser opens */
  url: string;
  headers: Record<string, string>;
  rss: ReturnType<typeof watchPeakRss>;
  /** POSTs to /api/<method> and answers the JSON body */
  call(method: string, input: unknown): Promise<unknown>;
  /** ends the server and waits for its exit */
  stop(): Promise<void>;
}

/**
 * `marginalia serve` on an archive in a fresh process (`bin`: another build's, to compare),
 * answered once it prints its URL; its peak memory is followed from the spawn.
 */
export async function startServe(archiveDir: string, bin = join(import.meta.dirname, '../../bin/marginalia.mjs')): Promise<Served> {
  const child = spawn(process.execPath, [bin, '--archive', archiveDir, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const rss = watchPeakRss(child.pid);
  const stop = async () => {
    rss.stop();
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  };
  try {
    const url = await new Promise<URL>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /at (http:\/\/\S+)/.exec(out);
        if (match) resolve(new URL(match[1]!));
      });
      child.once('exit', (code) => reject(new Error(`serve exited ${code}`)));
    });
    const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${url.searchParams.get('token')!}` };
    const call = async (method: string, input: unknown) => (await fetch(`${url.origin}/api/${method}`, { method: 'POST', headers, body: JSON.stringify(input) })).json() as Promise<unknown>;
    return { child, origin: url.origin, url: url.href, headers, rss, call, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
