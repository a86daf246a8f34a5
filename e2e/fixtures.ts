import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';

export const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'marginalia.mjs');
const SERVING = /Marginalia is serving (.+) at (http:\/\/\S+)/;

export interface Server {
  /** the address printed by marginalia serve, token included */
  url: string;
  archiveDir: string;
}

/** The project's fixture if it exists (fixtures/), else the e2e suite's own (e2e/fixtures-data/). */
export function fixtureFile(name: string): string {
  const shared = join(ROOT, 'fixtures', name);
  return existsSync(shared) ? shared : join(import.meta.dirname, 'fixtures-data', name);
}

/** What a script needs to call the API of a server: the printed token, in a header (a cookie alone is refused). */
export const apiHeaders = (serverUrl: string) => ({ Authorization: `Bearer ${new URL(serverUrl).searchParams.get('token')}` });

export const screenshotPath = (name: string) => join(import.meta.dirname, 'screenshots', `${name}.png`);

/** Starts `marginalia serve` on a fresh archive and answers once it prints its address. */
export async function startServer(archiveDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--archive', archiveDir, '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, MARGINALIA_ARCHIVE: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`marginalia serve printed no address within 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = SERVING.exec(output);
      if (match?.[2]) {
        clearTimeout(timer);
        resolve(match[2]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`marginalia serve exited with ${code} before printing its address:\n${output}`));
    });
  });
  return { child, url };
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

export const test = base.extend<{ server: Server }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright needs the object pattern for fixture arguments
  server: async ({}, use) => {
    const archiveDir = await mkdtemp(join(tmpdir(), 'marginalia-e2e-'));
    const { child, url } = await startServer(archiveDir);
    try {
      await use({ url, archiveDir });
    } finally {
      await stopServer(child);
      await rm(archiveDir, { recursive: true, force: true });
    }
  },
});

export { expect } from '@playwright/test';
