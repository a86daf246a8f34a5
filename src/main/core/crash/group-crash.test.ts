import { readdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Archive } from '../archive';
import { useTempDirs } from '../test-support/temp-dir';
import { killChild } from './kill-child';

const tempDir = useTempDirs();
const CHILD = resolve(import.meta.dirname, 'group-crash-child.ts');
const KILLS = 12;
/** Acknowledged imports before the kill clock starts: bound by count, so a busy machine cannot make a child die idle. */
const ACKS_BEFORE_KILL = 24;

const runAndKill = (archiveDir: string, seed: number, ms: number): Promise<string[]> => killChild(CHILD, archiveDir, seed, ms, ACKS_BEFORE_KILL);

describe('crash safety of group commits', () => {
  it(`never loses an acknowledged document of a group, nor lists a torn one, when the importer is killed (${KILLS} kills)`, async () => {
    const archiveDir = await tempDir();
    const acked = new Map<string, string>();
    for (let i = 0; i < KILLS; i++) {
      for (const line of await runAndKill(archiveDir, i + 1, (i * 41) % 200)) {
        const [kind, id, label] = line.split(' ');
        if (kind === 'doc') acked.set(id!, label!);
      }
    }
    expect(acked.size).toBeGreaterThanOrEqual(KILLS * ACKS_BEFORE_KILL);
    const archive = await Archive.open(archiveDir, { writable: true, owner: 'crash test' });
    const listed = archive.list();
    const ids = new Set(listed.map((d) => d.id));
    for (const [id, label] of acked) {
      expect(ids.has(id), `acknowledged document ${id}`).toBe(true);
      expect((await archive.get(id)).text).toContain(`Report ${label}`);
    }
    // Every listed document, acknowledged or not (committed as the kill came), is whole.
    for (const doc of listed) expect((await archive.get(doc.id)).text).toMatch(/^Report \d+-\d+-\d+/);
    await archive.close();
    expect((await readdir(resolve(archiveDir, 'docs'))).filter((n) => n.startsWith('.'))).toEqual([]);
  }, 1_800_000);
});
