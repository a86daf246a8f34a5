import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Archive } from '../archive';

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
    expect(JSON.parse(readFileSync(join(dir, 'library.json'), 'utf8')).documents).toHaveLength(1);

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
