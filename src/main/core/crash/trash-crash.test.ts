import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Archive } from '../archive';
import { useTempDirs } from '../test-support/temp-dir';
import { killChild } from './kill-child';

const tempDir = useTempDirs();
const CHILD = resolve(import.meta.dirname, 'trash-crash-child.ts');
const KILLS = 12;

/** Each child acknowledges this many writes before its kill is timed: on a loaded machine the first child's imports could outlast the delay. */
const ACKS_BEFORE_KILL = 2;

const runAndKill = (archiveDir: string, seed: number, ms: number): Promise<string[]> => killChild(CHILD, archiveDir, seed, ms, ACKS_BEFORE_KILL);

describe('trash crash safety', () => {
  it(`never loses or half-deletes a document when killed mid-delete, mid-restore or mid-empty (${KILLS} kills)`, async () => {
    const archiveDir = await tempDir();
    const known = new Set<string>();
    const gone = new Set<string>();
    const maybeGone = new Set<string>();
    let acks = 0;
    for (let i = 0; i < KILLS; i++) {
      const lines = await runAndKill(archiveDir, i + 1, 30 + ((i * 53) % 250));
      acks += lines.length;
      for (const line of lines) {
        const [kind, id] = line.split(' ') as [string, string];
        if (kind === 'doc') known.add(id);
        if (kind === 'emptying') maybeGone.add(id);
        if (kind === 'emptied') gone.add(id);
      }
      // After every kill: each acknowledged document is whole, in the library or in the trash, never both.
      const archive = await Archive.open(archiveDir, { writable: true, owner: 'trash crash test' });
      const listed = new Set(archive.list().map((d) => d.id));
      const trashed = new Map(archive.trash.list().map((d) => [d.id, d]));
      for (const id of known) {
        if (gone.has(id)) {
          expect(listed.has(id) || trashed.has(id), `emptied document ${id} is gone`).toBe(false);
          continue;
        }
        if (maybeGone.has(id) && !listed.has(id) && !trashed.has(id)) continue; // its emptying was under way
        expect(listed.has(id) !== trashed.has(id), `document ${id} is in exactly one place`).toBe(true);
        if (trashed.has(id)) {
          expect(trashed.get(id)!.annotationCount, `trashed ${id} keeps its annotations`).toBe(2);
          await archive.trash.restore([id]);
        }
        expect(await archive.annotations.list(id), `document ${id}'s annotations`).toHaveLength(2);
        expect((await archive.annotations.note(id)).note).not.toBeNull();
        expect((await archive.get(id)).text).toMatch(/^Report /);
        if (trashed.has(id)) await archive.trash.delete([id]);
      }
      await archive.close();
      const trashFolder = await readdir(join(archiveDir, 'trash')).catch(() => [] as string[]);
      expect(trashFolder.filter((n) => n.startsWith('.')), 'nothing half-removed is left').toEqual([]);
      const docsFolder = await readdir(join(archiveDir, 'docs'));
      expect(trashFolder.filter((n) => docsFolder.includes(n)), 'no folder in both places').toEqual([]);
    }
    expect(acks).toBeGreaterThan(KILLS); // the children did real work before dying
  }, 600_000);
});
