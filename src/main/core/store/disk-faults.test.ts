import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statfsSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Archive } from '../archive';
import { documentsOnDisk } from '../test-support/library-on-disk';
import { dispatch } from '../dispatch';
import { createCore } from '../service';

/**
 * Real file-system faults on a small tmpfs: a full disk and a read-only file system.
 * Needs root to mount (CI and these machines run as root); skipped with a line otherwise.
 */
const probe = mkdtempSync(join(tmpdir(), 'marginalia-mount-probe-'));
const canMount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe]).status === 0;
if (canMount) execFileSync('umount', [probe]);
rmSync(probe, { recursive: true, force: true });
if (!canMount) console.warn('skipped: disk-full and read-only tests need permission to mount a tmpfs');

const mounts: string[] = [];
afterEach(() => {
  for (const dir of mounts.splice(0)) {
    spawnSync('umount', ['-l', dir]);
    rmSync(dir, { recursive: true, force: true });
  }
});

function mountTmpfs(size: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-fault-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
  mounts.push(dir);
  return dir;
}
const remount = (dir: string, options: string) => execFileSync('mount', ['-o', `remount,${options}`, dir]);
const text = (words: number) => new TextEncoder().encode(`A report\n\n${'Budget figures and staff notes. '.repeat(words)}\n`);

describe.runIf(canMount)('disk faults', () => {
  it('a full disk fails the import with a clear reason, keeps what was stored, and a retry works once there is room', async () => {
    const dir = mountTmpfs('1m');
    const archive = await Archive.open(dir, { writable: true, owner: 'test' });
    const first = await archive.importFile({ name: 'small.txt', bytes: text(20) });
    expect(first.status).toBe('imported');
    const big = text(60_000); // ~2 MB: original and text.txt cannot both fit
    const failed = await archive.importFile({ name: 'big.txt', bytes: big, separate: true });
    expect(failed).toMatchObject({ status: 'failed', reason: expect.stringMatching(/could not be stored in the archive: the disk is full/) });
    expect(archive.list().map((d) => d.sourceName)).toEqual(['small.txt']);
    await archive.close();
    expect(await documentsOnDisk(dir)).toHaveLength(1);

    remount(dir, 'size=16m');
    const reopened = await Archive.open(dir, { writable: true, owner: 'test' });
    expect((await reopened.importFile({ name: 'big.txt', bytes: big, separate: true })).status).toBe('imported');
    expect(reopened.list()).toHaveLength(2);
    await reopened.close();
  });

  it('a read-only file system refuses writing with a clear message, still reads, and writes again once writable', async () => {
    const dir = mountTmpfs('4m');
    const archive = await Archive.open(dir, { writable: true, owner: 'test' });
    const doc = await archive.importFile({ name: 'a.txt', bytes: text(10) });
    if (doc.status !== 'imported') throw new Error(doc.status);
    // Read-only under a running writer: a save fails with the reason, nothing changes.
    remount(dir, 'ro');
    await expect(archive.annotations.create(doc.doc.id, { kind: 'highlight', start: 0, end: 8 })).rejects.toThrow(/read-only file system|EROFS/);
    expect(await archive.annotations.list(doc.doc.id)).toEqual([]);
    await archive.close().catch(() => undefined);

    await expect(Archive.open(dir, { writable: true, owner: 'test' })).rejects.toThrow(/Cannot open the archive at .* for writing: the archive is on a read-only file system\. Reading still works/);
    const reader = await Archive.open(dir, { writable: false, owner: 'reader' });
    expect(reader.list()).toHaveLength(1);

    remount(dir, 'rw');
    const again = await Archive.open(dir, { writable: true, owner: 'test' });
    expect((await again.annotations.create(doc.doc.id, { kind: 'highlight', start: 0, end: 8 })).target.quote).toBe('A report');
    await again.close();
  });
});

/** An archive whose search index is far larger than the room left: the index is removed, the disk filled to `free` bytes. */
async function nearlyFullArchive(free: number): Promise<{ dir: string; word: string }> {
  const dir = mountTmpfs('16m');
  const archive = await Archive.open(dir, { writable: true, owner: 'test' });
  const words = ['budget', 'harbour', 'survey', 'council', 'minutes', 'records'];
  for (let i = 0; i < 16; i++) {
    let body = `Report ${i}\n\n`;
    // Distinct tokens make the index large (about 2 MB for these 16 documents).
    for (let j = 0; j < 5000; j++) body += `${words[(i + j) % words.length]} w${((i * 5000 + j) * 7919) % 1000003} `;
    const outcome = await archive.importFile({ name: `r${i}.txt`, bytes: new TextEncoder().encode(body), separate: true });
    expect(outcome.status).toBe('imported');
  }
  await archive.close();
  expect(statSync(join(dir, 'index', 'search.bin')).size).toBeGreaterThan(2 * free);
  rmSync(join(dir, 'index', 'search.bin'));
  fillTo(dir, free);
  return { dir, word: `w${((3 * 5000 + 7) * 7919) % 1000003}` };
}

/** Writes filler until `free` bytes are left (or none). The file is made even when the disk is already that full, so the test can remove it. */
function fillTo(dir: string, free: number, name = 'filler'): void {
  const fs = statfsSync(dir);
  const room = fs.bavail * fs.bsize - free;
  writeFileSync(join(dir, name), Buffer.alloc(Math.max(0, room)));
}

describe.runIf(canMount)('a nearly full disk', () => {
  it('opens for writing without room to save the rebuilt index, searches, refuses what does not fit with a sentence, and closes cleanly', { timeout: 120_000 }, async () => {
    const { dir, word } = await nearlyFullArchive(600_000);
    const logged: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args.join(' ')));
    try {
      const core = await createCore({ archiveDir: dir, shell: 'browser', version: '0', emit: () => {} });
      const { archive } = core;
      expect((await archive.search.search(word, { limit: 5 })).hits.map((h) => h.title)).toEqual(['Report 3']);
      const doc = archive.list().find((d) => d.title === 'Report 3')!;
      expect((await archive.annotations.create(doc.id, { kind: 'highlight', start: 0, end: 6 })).target.quote).toBe('Report');
      const big = await archive.importFile({ name: 'big.txt', bytes: text(60_000), separate: true });
      expect(big).toMatchObject({ status: 'failed', reason: 'could not be stored in the archive: the disk is full (nothing of it was kept; the archive is as it was)' });
      fillTo(dir, 0, 'filler-2');
      const refused = await dispatch(core.handlers, 'annotations.create', { docId: doc.id, kind: 'highlight', start: 7, end: 10 });
      expect(refused).toEqual({ ok: false, error: { code: 'io', message: 'The disk is full: this change (annotations.create) was not saved. Everything saved before it is kept, unchanged. Free some space and try again.' } });
      await core.close();
      expect(logged.join('\n')).toMatch(/The disk is full: the search index \(a cache, rebuilt from your documents\) could not be saved\. Your documents and annotations are kept/);
      expect(logged.join('\n')).not.toMatch(/ENOSPC/);
      expect(existsSync(join(dir, 'archive.lock'))).toBe(false);
    } finally {
      spy.mockRestore();
    }
    rmSync(join(dir, 'filler'));
    rmSync(join(dir, 'filler-2'));
    const reopened = await Archive.open(dir, { writable: true, owner: 'test' });
    const doc = reopened.list().find((d) => d.title === 'Report 3')!;
    expect((await reopened.annotations.list(doc.id)).map((a) => a.target.quote)).toEqual(['Report']);
    expect(reopened.list()).toHaveLength(16);
    await reopened.close();
    expect(existsSync(join(dir, 'index', 'search.bin'))).toBe(true); // saved once there was room
  });

  const BIN = resolve(import.meta.dirname, '../../../../bin/marginalia.mjs');
  const built = existsSync(resolve(import.meta.dirname, '../../../../out/main/cli.js'));

  it.runIf(built)('marginalia serve opens, refuses a write with the sentence once the disk is full, and exits cleanly on SIGTERM', { timeout: 120_000 }, async () => {
    const { dir, word } = await nearlyFullArchive(600_000);
    const server = spawn(process.execPath, [BIN, '--archive', dir, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    server.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const url = await new Promise<string>((ok, fail) => {
      server.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /at (http:\/\/\S+)/.exec(out);
        if (m) ok(m[1]!);
      });
      server.once('exit', (code) => fail(new Error(`serve exited ${code}: ${err}`)));
    });
    const call = async (method: string, body: unknown) =>
      (await (await fetch(`${new URL(url).origin}/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${new URL(url).searchParams.get('token')}` }, body: JSON.stringify(body) })).json()) as {
        ok: boolean;
        value: never;
        error?: { message: string };
      };
    const found = await call('search.query', { query: word });
    expect(found.ok).toBe(true);
    fillTo(dir, 0, 'filler-2');
    const list = (await call('library.list', {})).value as { id: string }[];
    const refused = await call('annotations.create', { docId: list[0]!.id, kind: 'highlight', start: 0, end: 6 });
    expect(refused).toMatchObject({ ok: false, error: { message: 'The disk is full: this change (annotations.create) was not saved. Everything saved before it is kept, unchanged. Free some space and try again.' } });
    const exited = new Promise<number | null>((ok) => server.once('exit', (code) => ok(code)));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(err).not.toMatch(/ENOSPC|Error:|at .*\.js:\d+/);
    expect(existsSync(join(dir, 'archive.lock'))).toBe(false);
  });

  it.runIf(built)('marginalia import opens, imports what fits, and names the disk as the reason for what does not', { timeout: 120_000 }, async () => {
    const { dir } = await nearlyFullArchive(600_000);
    const src = mkdtempSync(join(tmpdir(), 'marginalia-src-'));
    try {
      writeFileSync(join(src, 'small.txt'), 'Small note\n\nIt fits.\n');
      writeFileSync(join(src, 'big.txt'), text(60_000));
      const run = spawnSync(process.execPath, [BIN, '--archive', dir, 'import', join(src, 'small.txt'), join(src, 'big.txt')], { encoding: 'utf8' });
      expect(run.stdout).toMatch(/imported .*small\.txt/);
      expect(run.stderr).toMatch(/failed +.*big\.txt: could not be stored in the archive: the disk is full \(nothing of it was kept; the archive is as it was\)/);
      expect(run.stderr).not.toMatch(/ENOSPC/);
      expect(run.status).toBe(1);
      expect(existsSync(join(dir, 'archive.lock'))).toBe(false);
    } finally {
      rmSync(src, { recursive: true, force: true });
    }
  });
});
