import { appendFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../../shared/model';
import { Archive } from '../archive';
import { createBackup } from '../backup/create-backup';
import { restoreBackup } from '../backup/restore-backup';
import type { AnnotationsFile } from '../store/schemas';
import { useTempDirs } from '../test-support/temp-dir';
import { DurableState, replay, type JournalEntry } from './annotation-journal';
import { byPosition } from './annotation-store';

const tempDir = useTempDirs();
const open = (dir: string, writable = true) => Archive.open(dir, { writable, owner: 'test' });
const TEXT = 'Minutes of the board\n\nThe board met twice this year and approved the budget.\n';

/** An archive with one document: a first highlight (which writes annotations.json), then `more` saves that are journal lines. */
async function journalled(more: number) {
  const dir = await tempDir();
  const archive = await open(dir);
  const outcome = await archive.importFile({ name: 'minutes.txt', bytes: new TextEncoder().encode(TEXT) });
  if (outcome.status !== 'imported') throw new Error(outcome.status);
  const docId = outcome.doc.id;
  const ids = [(await archive.annotations.create(docId, { kind: 'highlight', start: 0, end: 7 })).id];
  for (let i = 1; i <= more; i++) ids.push((await archive.annotations.create(docId, { kind: 'highlight', start: i * 5, end: i * 5 + 4, color: 'green' })).id);
  const docDir = join(dir, 'docs', docId);
  return { dir, archive, docId, docDir, ids, journal: join(docDir, 'annotations.journal') };
}

const listIds = async (archive: Archive, docId: string) => (await archive.annotations.list(docId)).map((a) => a.id);

describe('the annotation journal', () => {
  it('leaves out a last line cut short by a crash (never acknowledged) and cuts it off, so the next line does not join it', async () => {
    const { dir, archive, docId, ids, journal } = await journalled(3);
    await archive.close();
    const whole = await readFile(journal, 'utf8');
    expect(whole.split('\n').filter(Boolean)).toHaveLength(3);
    await appendFile(journal, '0badc0de {"set":[{"id":"torn');

    const again = await open(dir);
    expect(await listIds(again, docId)).toEqual(ids);
    expect(await readFile(journal, 'utf8')).toBe(whole);
    expect(again.repairs.list()).toEqual([]);
    const next = await again.annotations.create(docId, { kind: 'highlight', start: 40, end: 45 });
    await again.close();
    const third = await open(dir);
    expect(await listIds(third, docId)).toEqual([...ids, next.id]);
    await third.close();
  });

  it('reports a damaged line naming the journal and the line, leaves its change out, sets the journal aside and writes the rest into annotations.json', async () => {
    const { dir, archive, docId, docDir, ids, journal } = await journalled(3);
    await archive.close();
    const lines = (await readFile(journal, 'utf8')).split('\n');
    lines[1] = lines[1]!.replace('"green"', '"grean"'); // one flipped letter: the checksum no longer matches
    await writeFile(journal, lines.join('\n'));

    const reader = await open(dir, false);
    expect(await listIds(reader, docId)).toEqual([ids[0], ids[1], ids[3]]);
    expect(reader.notices.join('\n')).toMatch(/annotations\.journal is damaged: line 2: its checksum does not match/);
    await reader.close();
    expect(await readFile(journal, 'utf8')).toBe(lines.join('\n')); // a reader writes nothing

    const again = await open(dir);
    expect(await listIds(again, docId)).toEqual([ids[0], ids[1], ids[3]]);
    const [repair] = again.repairs.forDocument(docId);
    expect(repair).toMatchObject({
      file: `docs/${docId}/annotations.journal`,
      problem: expect.stringMatching(/line 2: its checksum does not match/),
      setAsideAs: expect.stringMatching(/annotations\.journal\.damaged-\d+$/),
    });
    expect(await readFile(join(dir, repair!.setAsideAs!), 'utf8')).toBe(lines.join('\n'));
    expect(await readFile(journal, 'utf8')).toBe('');
    expect((JSON.parse(await readFile(join(docDir, 'annotations.json'), 'utf8')) as AnnotationsFile).annotations.map((a) => a.id)).toEqual([ids[0], ids[1], ids[3]]);
    await again.close();
  });

  it('a damaged annotations.json loses nothing acknowledged: the good copy kept for the repair has the journal applied', async () => {
    const { dir, archive, docId, docDir, ids } = await journalled(2);
    await archive.annotations.update(docId, ids[0]!, { color: 'blue' });
    await archive.close();
    await writeFile(join(docDir, 'annotations.json'), '{"version":1,"annotations":[{"id":');

    const again = await open(dir);
    expect(await again.annotations.list(docId)).toEqual([]);
    const [repair] = again.repairs.forDocument(docId);
    expect(repair!.backup).toMatch(/annotations\.json\.good-\d+$/);
    const { restored } = await again.annotations.restoreBackup(docId, join(dir, repair!.backup!));
    expect(restored).toBe(3);
    const list = await again.annotations.list(docId);
    expect(list.map((a) => a.id)).toEqual(ids);
    expect(list[0]!.color).toBe('blue');
    await again.close();
    const third = await open(dir);
    expect(await listIds(third, docId)).toEqual(ids);
    await third.close();
  });

  it('a backup taken while saves are in the journal restores every acknowledged annotation', async () => {
    const { dir, archive, docId, ids, journal } = await journalled(4);
    await archive.annotations.update(docId, ids[2]!, { color: 'pink' });
    await archive.annotations.remove(docId, ids[1]!);
    expect((await readFile(journal, 'utf8')).split('\n').filter(Boolean)).toHaveLength(6);
    await archive.settle();
    const zip = join(await tempDir(), 'backup.zip');
    await createBackup(dir, zip, { appVersion: '0.1.0' });
    const expected = await archive.annotations.list(docId);
    await archive.close();

    const target = join(await tempDir(), 'restored');
    expect(await restoreBackup(zip, target)).toMatchObject({ ok: true });
    expect(await readdir(join(target, 'docs', docId))).toContain('annotations.journal');
    const restored = await open(target);
    expect(await restored.annotations.list(docId)).toEqual(expected);
    expect((await restored.annotations.list(docId)).find((a) => a.id === ids[2])!.color).toBe('pink');
    await restored.close();
  });
});

/** A small seeded generator, so that a failure can be replayed. */
function seeded(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

function annotation(id: string, start: number, color: Annotation['color'] = 'yellow'): Annotation {
  return { id, docId: 'doc1', kind: 'highlight', target: { start, end: start + 3, quote: 'abc', prefix: '', suffix: '' }, color, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
}

describe('journal lines', () => {
  it('replayed over the state before them give the state after; replayed again over that state (a crash between a fold and the truncation) change nothing', () => {
    const random = seeded(19);
    const start: AnnotationsFile = { version: 1, annotations: [annotation('aaaaaa', 5), annotation('bbbbbb', 1)], note: null };
    const data: AnnotationsFile = structuredClone(start);
    let durable = DurableState.of(data);
    const lines: JournalEntry[] = [];
    const colors = ['green', 'blue', 'pink', 'yellow'] as const;
    for (let i = 0; i < 300; i++) {
      const roll = random();
      const pick = () => data.annotations[Math.floor(random() * data.annotations.length)];
      if (roll < 0.3 || !data.annotations.length) data.annotations.push(annotation(`n${String(i).padStart(5, '0')}`, Math.floor(random() * 100)));
      else if (roll < 0.5) pick()!.color = colors[i % 4]; // changed in place, as a caller may
      else if (roll < 0.6) data.annotations = data.annotations.filter((a) => a !== pick());
      else if (roll < 0.7) data.annotations.sort(byPosition);
      else if (roll < 0.8) data.note = random() < 0.5 ? null : { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: `note ${i}` }] }] };
      else if (roll < 0.9) data.rejected = random() < 0.3 ? [] : [`ORG|name ${i}`];
      else data.noteUpdatedAt = `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}.000Z`;
      const next = DurableState.of(data);
      const entry = durable.entryTo(next, data);
      if (entry) lines.push(JSON.parse(JSON.stringify(entry)) as JournalEntry);
      durable = next;
      // Every prefix of the lines gives the state of its time.
      if (i % 50 === 0) expect(replay(structuredClone(start), lines)).toEqual(durable.toData());
    }
    const final = replay(structuredClone(start), lines);
    expect(final).toEqual(durable.toData());
    expect(replay(structuredClone(final), lines)).toEqual(final);
  });

  it('from a change that names what it added or replaced are the lines a comparison of every annotation gives', () => {
    const random = seeded(7);
    const data: AnnotationsFile = { version: 1, annotations: Array.from({ length: 40 }, (_, i) => annotation(`a${String(i).padStart(5, '0')}`, i * 3)), note: null };
    let durable = DurableState.of(data);
    const colors = ['green', 'blue', 'pink', 'yellow'] as const;
    for (let i = 0; i < 300; i++) {
      const roll = random();
      const touched = new Set<string>();
      const index = Math.floor(random() * data.annotations.length);
      if (roll < 0.3 || !data.annotations.length) {
        const added = annotation(`n${String(i).padStart(5, '0')}`, Math.floor(random() * 100));
        data.annotations.push(added);
        if (random() < 0.8) touched.add(added.id); // a new id is written even when not named
      } else if (roll < 0.6) {
        // Replaced by a new object, as the service does (never edited in place).
        const next = { ...data.annotations[index]!, color: colors[i % 4]!, updatedAt: `2026-01-02T00:00:${String(i % 60).padStart(2, '0')}.000Z` };
        data.annotations[index] = next;
        touched.add(next.id);
      } else if (roll < 0.7) data.annotations.splice(index, 1);
      else if (roll < 0.8) data.annotations.sort(byPosition);
      else if (roll < 0.9) data.note = random() < 0.5 ? null : { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: `note ${i}` }] }] };
      else data.rejected = random() < 0.3 ? [] : [`ORG|name ${i}`];
      const declared = durable.after(data, touched);
      const compared = DurableState.of(data);
      expect(durable.entryTo(declared, data)).toEqual(durable.entryTo(compared, data));
      expect(declared.toData()).toEqual(compared.toData());
      durable = declared;
    }
  });
});
