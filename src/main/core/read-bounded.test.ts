import { spawnSync } from 'node:child_process';
import { symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Archive } from './archive';
import { importPaths } from './import-paths';
import { readRegularFile } from './read-bounded';
import { useTempDirs } from './test-support/temp-dir';

const tempDir = useTempDirs();
const tooLarge = (n: number) => `too large: ${n}`;

describe('readRegularFile', () => {
  it('reads a regular file, also through a link', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'a.txt'), 'hello');
    await symlink(join(dir, 'a.txt'), join(dir, 'link.txt'));
    expect(Buffer.from(await readRegularFile(join(dir, 'link.txt'), 100, tooLarge)).toString()).toBe('hello');
  });

  it('refuses a FIFO without waiting for a writer', async () => {
    const dir = await tempDir();
    expect(spawnSync('mkfifo', [join(dir, 'pipe.txt')]).status).toBe(0);
    await expect(readRegularFile(join(dir, 'pipe.txt'), 100, tooLarge)).rejects.toThrow('a FIFO (named pipe), not a file: refused');
  });

  it('refuses a device and a link to one (/dev/zero)', async () => {
    const dir = await tempDir();
    await symlink('/dev/zero', join(dir, 'zero.txt'));
    await expect(readRegularFile('/dev/zero', 100, tooLarge)).rejects.toThrow('a device, not a file: refused');
    await expect(readRegularFile(join(dir, 'zero.txt'), 100, tooLarge)).rejects.toThrow('a device, not a file: refused');
  });

  it('holds the limit for what is read, not what stat says (/proc files say 0 bytes)', async () => {
    await expect(readRegularFile('/proc/self/status', 10, tooLarge)).rejects.toThrow('too large: 11');
    expect((await readRegularFile('/proc/self/status', 1 << 20, tooLarge)).length).toBeGreaterThan(10);
  });

  it('an import of a link to /dev/zero and of a FIFO fails those files with the reason, and imports the rest', async () => {
    const dir = await tempDir();
    await symlink('/dev/zero', join(dir, 'zero.txt'));
    spawnSync('mkfifo', [join(dir, 'pipe.md')]);
    await writeFile(join(dir, 'ok.txt'), 'A title\n\nSome text.\n');
    const archive = await Archive.open(await tempDir(), { writable: true, owner: 'test' });
    try {
      const outcomes = await importPaths(archive, [join(dir, 'zero.txt'), join(dir, 'pipe.md'), join(dir, 'ok.txt')]);
      expect(outcomes.map((o) => [o.status, 'reason' in o ? o.reason : ''])).toEqual([
        ['failed', 'a device, not a file: refused'],
        ['failed', 'a FIFO (named pipe), not a file: refused'],
        ['imported', ''],
      ]);
    } finally {
      await archive.close();
    }
  });
});
