import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';
import { Archive } from '../archive';
import { isTempFile } from '../store/durable-file';
import { killChild } from './kill-child';

/**
 * The crash test's scenario (crash-child.ts imports, highlights, comments and notes at random;
 * each child is SIGKILLed at its own delay): 50 kills in all, run as two files of 25 on two
 * archives (crash-kills-*.test.ts) so that vitest can run the halves side by side. Every kill
 * keeps its seed and delay from when the 50 ran on one archive.
 */
export const KILLS = 50;

/** Acknowledged writes each child makes before its kill clock starts: work is bound by count, so a busy machine cannot make a child die idle. */
const ACKS_BEFORE_KILL = 3;

const CHILD = resolve(import.meta.dirname, 'crash-child.ts');

const versionIn = (doc: unknown) => Number(/"v(\d+)"/.exec(JSON.stringify(doc ?? ''))?.[1] ?? -1);

async function tempFilesUnder(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (isTempFile(entry.name) || entry.name.startsWith('.staging-') || entry.name.startsWith('.replaced-')) found.push(join(entry.parentPath, entry.name));
  }
  return found;
}

/** Kills the children `first`..`last` (1-based, of KILLS) one after another on `archiveDir`, then checks that nothing acknowledged was lost. */
export async function killAtRandomAndCheck(archiveDir: string, first: number, last: number): Promise<void> {
  const docs = new Set<string>();
  const annotations = new Map<string, { docId: string; start: number; end: number; comment?: number }>();
  const notes = new Map<string, number>();
  let acks = 0;
  for (let i = first - 1; i < last; i++) {
    const lines = await killChild(CHILD, archiveDir, i + 1, (i * 37) % 180, ACKS_BEFORE_KILL);
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
  expect(acks).toBeGreaterThanOrEqual((last - first + 1) * ACKS_BEFORE_KILL); // the children did real work before dying

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
}
