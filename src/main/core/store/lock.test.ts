import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dir';
import { acquireLock, LOCK_FILE } from './lock';

const tempDir = useTempDirs();

const holder = (pid: number) => JSON.stringify({ pid, host: hostname(), owner: 'marginalia serve', since: '2026-01-01T00:00:00.000Z', token: 't' });

describe('archive lock', () => {
  it('refuses a second writer in the same process with a clear message', async () => {
    const dir = await tempDir();
    const lock = await acquireLock(dir, 'marginalia import');
    await expect(acquireLock(dir, 'the Marginalia app')).rejects.toThrow(/already open for writing by marginalia import \(process \d+/);
    await lock.release();
    const again = await acquireLock(dir, 'the Marginalia app');
    await again.release();
  });

  it('refuses while another live process holds it', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, LOCK_FILE), holder(process.ppid));
    await expect(acquireLock(dir, 'marginalia import')).rejects.toThrow(/already open for writing by marginalia serve/);
  });

  it('takes over the lock of a process that died (crash, kill -9)', async () => {
    const dir = await tempDir();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    await writeFile(join(dir, LOCK_FILE), holder(Number(dead.stdout)));
    const lock = await acquireLock(dir, 'marginalia import');
    expect(JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    await lock.release();
  });

  it('treats an unreadable lock file as stale', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, LOCK_FILE), '\0\0\0');
    const lock = await acquireLock(dir, 'marginalia import');
    await lock.release();
  });
});
