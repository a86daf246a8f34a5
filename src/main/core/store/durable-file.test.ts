import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dir';
import { groupSyncDir, isTempFile, syncFileSystem, writeFileDurable } from './durable-file';

const tempDir = useTempDirs();

describe('writeFileDurable', () => {
  it('replaces the content and leaves no temp file behind', async () => {
    const dir = await tempDir();
    const file = join(dir, 'library.json');
    await writeFileDurable(file, 'one');
    await writeFileDurable(file, 'two');
    expect(await readFile(file, 'utf8')).toBe('two');
    expect(await readdir(dir)).toEqual(['library.json']);
  });

  it('writes parts one after the other', async () => {
    const dir = await tempDir();
    const file = join(dir, 'index.bin');
    await writeFileDurable(file, [new TextEncoder().encode('one '), new TextEncoder().encode('two '), new Uint8Array([0x33])]);
    expect(await readFile(file, 'utf8')).toBe('one two 3');
  });

  it('fails cleanly where the folder is missing, leaving nothing', async () => {
    const dir = await tempDir();
    await expect(writeFileDurable(join(dir, 'missing', 'x.json'), 'x')).rejects.toThrow(/ENOENT/);
    expect((await readdir(dir)).filter(isTempFile)).toEqual([]);
  });
});

describe('groupSyncDir', () => {
  it('answers every caller, however many sync the same folder at once, and again afterwards', async () => {
    const dir = await tempDir();
    const order: number[] = [];
    await Promise.all(Array.from({ length: 40 }, (_, i) => groupSyncDir(dir).then(() => order.push(i))));
    expect(order.sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    await expect(groupSyncDir(dir)).resolves.toBeUndefined();
  });

  it('passes a failure on to the callers it covered', async () => {
    const dir = await tempDir();
    await expect(Promise.all([groupSyncDir(join(dir, 'gone')), groupSyncDir(join(dir, 'gone'))])).rejects.toThrow(/ENOENT/);
    await expect(groupSyncDir(dir)).resolves.toBeUndefined();
  });
});

describe('syncFileSystem', () => {
  it.runIf(process.platform === 'linux')('answers each call in order: true for a folder that exists, false for one that does not', async () => {
    const dir = await tempDir();
    const answers = await Promise.all([syncFileSystem(dir), syncFileSystem(join(dir, 'gone')), syncFileSystem(dir), syncFileSystem(`${dir}\nx`)]);
    expect(answers).toEqual([true, false, true, false]);
  });
});
