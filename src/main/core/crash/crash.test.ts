import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Archive } from '../archive';
import { isTempFile } from '../store/durable-file';
import { useTempDirs } from '../test-support/temp-dir';
import { killChild } from './kill-child';

const tempDir = useTempDirs();
const CHILD = resolve(import.meta.dirname, 'crash-child.ts');
const KILLS = 50;

/** Acknowledged writes each child makes before its kill clock starts: work is bound by count, so a busy machine cannot make a child die idle. */
const ACKS_BEFORE_KILL = 3;

const runAndKill = (archiveDir: string, seed: number, ms: number): Promise<string[]> => killChild(CHILD, archiveDir, seed, ms, ACKS_BEFORE_KILL);

const versionIn = (doc: unknown) => Number(/"v(\d+)"/.exec(JSON.stringify(doc ?? ''))?.[1] ?? -1);

async function tempFilesUnder(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (isTempFile(entry.name) || entry.name.startsWith('.staging-') || entry.name.startsWith('.replaced-')) found.push(join(entry.parentPath, entry.name));
  }
  return found;
}

describe('crash safety', () => {
  it(`never loses an acknowledged document or annotation when the writer is killed at random (${KILLS} kills)`, async () => {
    const archiveDir = await tempDir();
    const docs = new Set<string>();
    const annotations = new Map<string, { docId: string; start: number; end: number; comment?: number }>();
    const notes = new Map<string, number>();
    let acks = 0;
    for (let i = 0; i < KILLS; i++) {
      const lines = await runAndKill(archiveDir, i + 1, (i * 37) % 180);
      acks += lines.length;
      for (const line of lines) {
        const [kind, a, b, c, d] = line.split(' ');
        if (kind === 'doc') docs.add(a!);
        if (kind === 'ann') annotations.set(b!, { docId: a!, start: Number(c), end: Number(d) });
        // An annotation stored but not acknowledged before an earlier kill can still be edited later.
        if (kind === 'comment') annotations.set(b!, { ...(annotations.get(b!) ?? { docId: a!, start: -1, end: -1 }), comment: Number(c) });
        if (kind === 'note') notes.set(a!, Number(b));
      }
    }
    expect(acks).toBeGreaterThanOrEqual(KILLS * ACKS_BEFORE_KILL); // the children did real work before dying

    const archive = await Archive.open(archiveDir, { writable: true, owner: 'crash test' });
    const ids = new Set(archive.list().map((d) => d.id));
    for (const id of docs) {
      expect(ids.has(id), `acknowledged document ${id}`).toBe(true);
      expect((await archive.get(id)).text).toMatch(/^Report /);
    }
    for (const [annotationId, expected] of annotations) {
      const found = (await archive.annotations.list(expected.docId)).find((a) => a.id === annotationId);
      expect(found, `acknowledged annotation ${annotationId}`).toBeDefined();
      if (expected.start >= 0) expect(found!.target).toMatchObject({ start: expected.start, end: expected.end });
      // A later change may have been stored and not acknowledged yet; never an older one.
      if (expected.comment) expect(versionIn(found!.comment)).toBeGreaterThanOrEqual(expected.comment);
    }
    for (const [docId, version] of notes) expect(versionIn((await archive.annotations.note(docId)).note)).toBeGreaterThanOrEqual(version);
    // Every document folder opened once: what interrupted writes left behind is gone.
    for (const id of ids) await archive.annotations.list(id);
    await archive.close();
    expect(await tempFilesUnder(archiveDir)).toEqual([]);
    // Bound by the count of kills, not the clock: each child runs its full sequence whatever the
    // load, so the budget is only a backstop (the 50 kills took past 240 s at load 12).
  }, 1_800_000);
});
