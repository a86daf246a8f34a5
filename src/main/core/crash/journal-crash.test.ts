import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Archive } from '../archive';
import { useTempDirs } from '../test-support/temp-dir';
import { killChild } from './kill-child';

const tempDir = useTempDirs();
const CHILD = resolve(import.meta.dirname, 'journal-crash-child.ts');
const KILLS = 20;

const versionIn = (doc: unknown) => Number(/"v(\d+)/.exec(JSON.stringify(doc ?? ''))?.[1] ?? -1);

describe('annotation journal crash safety', () => {
  it(`never loses an acknowledged annotation, change, removal or note when killed mid-append or mid-fold (${KILLS} kills)`, async () => {
    const archiveDir = await tempDir();
    const annotations = new Map<string, { docId: string; comment?: number; removed?: boolean; removing?: boolean }>();
    const notes = new Map<string, number>();
    const journalSizes = new Map<string, number>();
    let folds = 0;
    for (let i = 0; i < KILLS; i++) {
      // Killed after a count of acknowledged saves (a busy machine cannot make it die idle), then 0–14 ms on.
      const lines = await killChild(CHILD, archiveDir, i + 1, (i * 7) % 15, 10 + ((i * 13) % 40));
      for (const line of lines) {
        const [kind, docId, a, b] = line.split(' ') as [string, string, string, string];
        if (kind === 'ann') annotations.set(a, { docId });
        // An annotation stored but not acknowledged before an earlier kill can still be changed or removed later.
        if (kind === 'comment') annotations.set(a, { ...(annotations.get(a) ?? { docId }), comment: Number(b) });
        if (kind === 'removing') annotations.set(a, { ...(annotations.get(a) ?? { docId }), removing: true });
        if (kind === 'del') annotations.set(a, { docId, removed: true });
        if (kind === 'note') notes.set(docId, Number(a));
      }

      const archive = await Archive.open(archiveDir, { writable: true, owner: 'journal crash test' });
      for (const [id, expected] of annotations) {
        const found = (await archive.annotations.list(expected.docId)).find((x) => x.id === id);
        if (expected.removed) {
          expect(found, `acknowledged removal of ${id}`).toBeUndefined();
          continue;
        }
        if (expected.removing && !found) continue; // its removal was under way when the child was killed
        expect(found, `acknowledged annotation ${id}`).toBeDefined();
        // A later change may have been stored and not acknowledged yet; never an older one.
        if (expected.comment) expect(versionIn(found!.comment)).toBeGreaterThanOrEqual(expected.comment);
      }
      for (const [docId, version] of notes) expect(versionIn((await archive.annotations.note(docId)).note)).toBeGreaterThanOrEqual(version);
      // A kill tears at most the last line, which is never acknowledged: no line is ever reported damaged.
      expect(archive.repairs.list()).toEqual([]);
      for (const doc of archive.list()) {
        const journal = await readFile(join(archiveDir, 'docs', doc.id, 'annotations.journal'), 'utf8').catch(() => '');
        expect(journal === '' || journal.endsWith('\n'), 'a torn last line is cut off at open').toBe(true);
        // Shorter than after the last kill: a fold emptied it meanwhile.
        if (journal.length < (journalSizes.get(doc.id) ?? 0)) folds++;
        journalSizes.set(doc.id, journal.length);
      }
      await archive.close();
    }
    expect(annotations.size).toBeGreaterThan(KILLS * 5); // the children did real work before dying
    expect(folds).toBeGreaterThan(0); // children folded journals too, not only appended to them
  }, 1_800_000);
});
