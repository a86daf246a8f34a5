import { appendFile, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dir';
import { dropKnown, emptyState, forgetState, loadState, recordsFile, saveState, setKnown, stateFile } from './state';

describe('sync state on disk', () => {
  const tempDir = useTempDirs();
  const lines = async (dir: string) => (await readFile(recordsFile(dir), 'utf8')).split('\n').filter(Boolean).length;

  it('appends the records a save changed instead of rewriting them, and compacts the file once it has doubled', async () => {
    const dir = await tempDir();
    const state = { ...emptyState(), server: 'http://x', cursor: 3 };
    for (let i = 0; i < 50; i++) state.records[`document/d${i}`] = { v: i + 1, base: { title: `T${i}` } };
    await saveState(dir, state);
    expect(await lines(dir)).toBe(50);
    expect(JSON.parse(await readFile(stateFile(dir), 'utf8'))).not.toHaveProperty('records');

    const loaded = await loadState(dir);
    setKnown(loaded, 'document/d1', { v: 60, base: { title: 'Changed' } });
    dropKnown(loaded, 'document/d2');
    loaded.cursor = 60;
    await saveState(dir, loaded);
    expect(await lines(dir)).toBe(52);
    forgetState(dir); // another process: read from the files
    const again = await loadState(dir);
    expect(again.cursor).toBe(60);
    expect(again.records['document/d1']).toEqual({ v: 60, base: { title: 'Changed' } });
    expect(again.records['document/d2']).toBeUndefined();
    expect(Object.keys(again.records)).toHaveLength(49);

    // Past twice the records (and a margin) the file is written again with one line each.
    for (let round = 0; round < 25; round++) {
      for (let i = 0; i < 49; i++) setKnown(again, `document/d${i === 2 ? 49 : i}`, { v: 100 + round, base: null });
      await saveState(dir, again);
    }
    expect(await lines(dir)).toBeLessThan(49 * 25);
    forgetState(dir);
    expect(Object.keys((await loadState(dir)).records)).toHaveLength(49);
  });

  it('leaves out a last line cut short by a crash and rewrites the file at the next save', async () => {
    const dir = await tempDir();
    const state = { ...emptyState(), cursor: 2 };
    state.records['annotation/a1'] = { v: 1, base: { docId: 'd' } };
    state.records['annotation/a2'] = { v: 2, base: { docId: 'd' } };
    await saveState(dir, state);
    await appendFile(recordsFile(dir), '{"k":"annotation/a3","r":{"v":3,"ba');
    forgetState(dir);
    const loaded = await loadState(dir);
    expect(Object.keys(loaded.records).sort()).toEqual(['annotation/a1', 'annotation/a2']);
    setKnown(loaded, 'annotation/a4', { v: 4, base: { docId: 'd' } });
    await saveState(dir, loaded);
    const text = await readFile(recordsFile(dir), 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    expect(text.split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { k: string }).k).sort()).toEqual(['annotation/a1', 'annotation/a2', 'annotation/a4']);
  });

  it('reads a state written whole by an earlier version, and splits it at the next save', async () => {
    const dir = await tempDir();
    const { mkdir, writeFile } = await import('node:fs/promises');
    await mkdir(`${dir}/sync`);
    await writeFile(stateFile(dir), JSON.stringify({ version: 1, cursor: 7, records: { 'collection/c1': { v: 7, base: { id: 'c1', name: 'Old' } } }, conflicts: [] }));
    const loaded = await loadState(dir);
    expect(loaded.records['collection/c1']?.v).toBe(7);
    await saveState(dir, loaded);
    expect(JSON.parse(await readFile(stateFile(dir), 'utf8'))).not.toHaveProperty('records');
    expect(await lines(dir)).toBe(1);
  });
});
