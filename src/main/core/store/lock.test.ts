import { spawn, spawnSync } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { childBundle } from '../test-support/child-bundle';
import { useTempDirs } from '../test-support/temp-dir';
import { acquireLock, breakLock, judgeLock, LOCK_FILE } from './lock';

const tempDir = useTempDirs();
const CHILD = resolve(import.meta.dirname, 'lock-child.ts');

const holder = (pid: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ pid, host: hostname(), owner: 'marginalia serve', since: '2026-01-01T00:00:00.000Z', token: 't', ...extra });
const deadPid = () => Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout);
const bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
const myStart = () => {
  const stat = readFileSync(`/proc/${process.pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]!;
};

/** Starts `count` processes, lets them all try at the same moment, answers each one's outcome, then lets them go. */
async function race(dir: string, count: number): Promise<string[]> {
  const bundle = await childBundle(CHILD); // plain JavaScript: the race starts sooner, tries the same
  const children = Array.from({ length: count }, () => spawn(process.execPath, [bundle, dir], { stdio: ['pipe', 'pipe', 'inherit'] }));
  const lines = children.map((child) => {
    let out = '';
    const waiters: { n: number; resolve: (lines: string[]) => void }[] = [];
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const got = out.split('\n').slice(0, -1);
      for (const w of waiters.filter((w) => got.length >= w.n)) w.resolve(got);
    });
    return (n: number) => new Promise<string[]>((r) => waiters.push({ n, resolve: r }));
  });
  await Promise.all(lines.map((wait) => wait(1)));
  for (const child of children) child.stdin.write('go\n');
  const outcomes = (await Promise.all(lines.map((wait) => wait(2)))).map((l) => l[1]!);
  const exited = children.map((child) => new Promise((r) => child.once('exit', r)));
  for (const child of children) child.stdin.end();
  await Promise.all(exited);
  return outcomes;
}

describe('archive lock', () => {
  it('refuses a second writer in the same process with a clear message', async () => {
    const dir = await tempDir();
    const lock = await acquireLock(dir, 'marginalia import');
    await expect(acquireLock(dir, 'the Marginalia app')).rejects.toThrow(/already open for writing by marginalia import \(process \d+/);
    await lock.release();
    const again = await acquireLock(dir, 'the Marginalia app');
    await again.release();
  });

  it('refuses while another live process holds it, and says how to break the lock', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, LOCK_FILE), holder(process.ppid));
    await expect(acquireLock(dir, 'marginalia import')).rejects.toThrow(/already open for writing by marginalia serve.*marginalia unlock \(it removes archive\.lock\)/);
  });

  it('takes over the lock of a process that died (crash, kill -9)', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, LOCK_FILE), holder(deadPid()));
    const lock = await acquireLock(dir, 'marginalia import');
    const taken = JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8'));
    expect(taken).toMatchObject({ pid: process.pid, boot: bootId, start: myStart() });
    await lock.release();
    expect(await readdir(dir)).toEqual([]);
  });

  it('takes over a lock from before a restart, though its pid now belongs to a live process', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, LOCK_FILE), holder(process.ppid, { boot: 'another-boot', start: '1' }));
    expect(await judgeLock(dir)).toMatchObject({ state: 'stale', why: 'the computer has restarted since it was taken' });
    const lock = await acquireLock(dir, 'marginalia import');
    await lock.release();
  });

  it('takes over a lock whose pid was reused by another program (start time differs)', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, LOCK_FILE), holder(process.ppid, { boot: bootId, start: '1' }));
    expect(await judgeLock(dir)).toMatchObject({ state: 'stale', why: `process ${process.ppid} is now another program` });
    const lock = await acquireLock(dir, 'marginalia import');
    await lock.release();
  });

  it('treats an unreadable lock file as stale', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, LOCK_FILE), '\0\0\0');
    const lock = await acquireLock(dir, 'marginalia import');
    await lock.release();
  });

  it('a lock naming another computer is not taken over; the message names archive.lock and marginalia unlock, which breaks it', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, LOCK_FILE), holder(process.pid, { host: 'other-host.example' }));
    await expect(acquireLock(dir, 'marginalia import')).rejects.toThrow(/archive\.lock names another computer \(other-host\.example.*marginalia unlock/);
    expect(await breakLock(dir)).toMatchObject({ state: 'unknown', holder: { host: 'other-host.example' } });
    expect(await judgeLock(dir)).toEqual({ state: 'free' });
    const lock = await acquireLock(dir, 'marginalia import');
    await lock.release();
  });

  it('a takeover lock left by a process that died mid-takeover is reported, and unlock clears it', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, LOCK_FILE), holder(deadPid()));
    await writeFile(join(dir, 'archive.lock.takeover'), holder(deadPid(), { token: 'g' }));
    await expect(acquireLock(dir, 'marginalia import')).rejects.toThrow(/marginalia unlock/);
    await breakLock(dir);
    const lock = await acquireLock(dir, 'marginalia import');
    await lock.release();
  });

  // Processes started at once, each told "go" at the same moment: bounded by count, not time.
  const scenarios: [string, () => string | null][] = [
    ['a leftover lock of a dead process', () => holder(deadPid())],
    ['a lock from before a restart', () => holder(process.ppid, { boot: 'another-boot', start: '1' })],
    ['a lock whose pid was reused', () => holder(process.ppid, { boot: bootId, start: '1' })],
    ['an unreadable lock', () => '{"pid":'],
    ['no lock', () => null],
  ];
  for (const [name, lockFile] of scenarios) {
    it(`exactly one of 6 writers started at once gets in, against ${name} (3 rounds)`, { timeout: 600_000 }, async () => {
      for (let round = 0; round < 3; round++) {
        const dir = await tempDir();
        const content = lockFile();
        if (content !== null) await writeFile(join(dir, LOCK_FILE), content);
        const outcomes = await race(dir, 6);
        expect(outcomes.filter((o) => o === 'won'), outcomes.join('\n')).toHaveLength(1);
        for (const o of outcomes.filter((o) => o !== 'won')) expect(o).toMatch(/^lost The archive .* is already open for writing by lock child \d+/);
        // Every process released or left: nothing behind, not even a temp file.
        expect(await readdir(dir)).toEqual([]);
      }
    });
  }
});
