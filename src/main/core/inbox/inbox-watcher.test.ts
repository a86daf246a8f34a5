import { appendFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportOutcome, InboxEvent, InboxState } from '../../../shared/model';
import { Archive } from '../archive';
import { useTempDirs } from '../test-support/temp-dir';
import { InboxWatcher, type InboxWatcherOptions } from './inbox-watcher';

const tempDir = useTempDirs();
const open: { archive: Archive; watcher: InboxWatcher }[] = [];
afterEach(async () => {
  for (const { archive, watcher } of open.splice(0)) {
    await watcher.stop();
    await archive.close();
  }
});

/** Waits for a condition the watcher reports; the timeout only keeps a broken test from hanging. */
function until<T>(probe: () => T | undefined, what: string, timeoutMs = 30_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      const value = probe();
      if (value !== undefined) return resolve(value);
      if (Date.now() - started > timeoutMs) return reject(new Error(`gave up waiting for ${what}`));
      setTimeout(tick, 20);
    };
    tick();
  });
}

async function start(options: Partial<InboxWatcherOptions> & { archiveDir?: string; inbox?: string } = {}) {
  const archiveDir = options.archiveDir ?? (await tempDir());
  const inbox = options.inbox ?? (await tempDir('marginalia-inbox-'));
  const archive = await Archive.open(archiveDir, { writable: true, owner: 'test' });
  const events: { event: InboxEvent; outcome: ImportOutcome }[] = [];
  const states: { state: InboxState; message?: string }[] = [];
  const pending: { file: string; size: number }[] = [];
  const scans: number[] = [];
  const watcher = new InboxWatcher(archive, {
    folder: inbox,
    after: 'move',
    settleMs: 300,
    scanMs: 500,
    onEvent: (event, outcome) => events.push({ event, outcome }),
    onState: (state, message) => states.push({ state, ...(message ? { message } : {}) }),
    onPending: (file, size) => pending.push({ file, size }),
    onScanned: (handled) => scans.push(handled),
    ...options,
  });
  open.push({ archive, watcher });
  await watcher.start();
  return { archive, archiveDir, inbox, watcher, events, states, pending, scans };
}

const stop = async (run: { archive: Archive; watcher: InboxWatcher }) => {
  open.splice(open.findIndex((o) => o.watcher === run.watcher), 1);
  await run.watcher.stop();
  await run.archive.close();
};

describe('inbox watcher', () => {
  it('imports a file written in two parts once, after it stops growing, and moves it to done/', async () => {
    // A long settle period: the second part is written well inside it, however busy the machine is.
    const run = await start({ settleMs: 3_000 });
    const file = join(run.inbox, 'weekly', 'report.txt');
    await mkdir(join(run.inbox, 'weekly'));
    await writeFile(file, 'Weekly report\n\nFirst part of the text.\n');
    await until(() => run.pending.find((p) => p.file === file) ?? undefined, 'the first part to be seen');
    expect(run.events).toHaveLength(0);
    await appendFile(file, 'Second part, written later.\n');

    const { outcome, event } = await until(() => run.events[0], 'the import');
    expect(outcome.status).toBe('imported');
    if (outcome.status !== 'imported') throw new Error('not imported');
    const stored = await run.archive.get(outcome.doc.id);
    expect(stored.text).toContain('First part of the text.');
    expect(stored.text).toContain('Second part, written later.');
    expect(event.file).toBe(join(run.inbox, 'done', 'weekly', 'report.txt'));
    expect(await readdir(join(run.inbox, 'weekly'))).toEqual([]);
    expect(await readdir(join(run.inbox, 'done', 'weekly'))).toEqual(['report.txt']);
    expect(run.archive.list()).toHaveLength(1);
  });

  it('leaves a failing or unsupported file in place with its reason beside it, and reports it once', async () => {
    const run = await start();
    await writeFile(join(run.inbox, 'broken.txt'), new Uint8Array([0, 1, 2, 0, 0, 0, 3]));
    await writeFile(join(run.inbox, 'photo.xyz'), 'not a document');
    const events = await until(() => (run.events.length >= 2 ? run.events : undefined), 'two failures');
    const byName = Object.fromEntries(events.map((e) => [e.event.file.split('/').pop(), e.event]));
    expect(byName['broken.txt']).toMatchObject({ status: 'failed', reason: 'not a text file (binary content)' });
    expect(byName['photo.xyz']).toMatchObject({ status: 'failed', reason: expect.stringContaining('unsupported file type .xyz') });
    expect(await readFile(join(run.inbox, 'broken.txt.error.txt'), 'utf8')).toContain('not a text file (binary content)');
    expect((await readdir(run.inbox)).sort()).toEqual(['broken.txt', 'broken.txt.error.txt', 'photo.xyz', 'photo.xyz.error.txt']);

    // A later file is imported; the failures are not reported again.
    await writeFile(join(run.inbox, 'good.md'), '# Minutes\n\nAgreed.\n');
    await until(() => (run.events.length >= 3 ? true : undefined), 'the good file');
    const after = run.scans.length;
    await until(() => (run.scans.length >= after + 3 ? true : undefined), 'three more scans');
    expect(run.events.map((e) => e.event.status)).toEqual(['failed', 'failed', 'imported']);

    // A replaced file is new: tried again, and its stale reason goes.
    await writeFile(join(run.inbox, 'broken.txt'), 'Fixed\n\nNow readable text.\n');
    await until(() => (run.events.length >= 4 ? true : undefined), 'the fixed file');
    expect(run.events[3]!.event).toMatchObject({ status: 'imported', title: 'Fixed' });
    expect((await readdir(run.inbox)).sort()).toEqual(['done', 'photo.xyz', 'photo.xyz.error.txt']);
  });

  it('left in place, a file is remembered: a restart does not import or report it again', async () => {
    const first = await start({ after: 'leave' });
    await writeFile(join(first.inbox, 'a.txt'), 'Kept in place\n\nText.\n');
    await writeFile(join(first.inbox, 'bad.txt'), new Uint8Array([0, 0, 0, 1]));
    await until(() => (first.events.length >= 2 ? true : undefined), 'both files');
    await stop(first);

    const second = await start({ after: 'leave', archiveDir: first.archiveDir, inbox: first.inbox });
    await writeFile(join(first.inbox, 'b.txt'), 'Arrived later\n\nText.\n');
    await until(() => (second.events.length >= 1 ? true : undefined), 'the new file');
    const after = second.scans.length;
    await until(() => (second.scans.length >= after + 2 ? true : undefined), 'two more scans');
    expect(second.events.map((e) => e.event.title)).toEqual(['Arrived later']);
    expect(second.archive.list().map((d) => d.title).sort()).toEqual(['Arrived later', 'Kept in place']);
    expect((await readdir(first.inbox)).sort()).toEqual(['a.txt', 'b.txt', 'bad.txt', 'bad.txt.error.txt']);
  });

  it('says when the folder disappears, and resumes when it is back', async () => {
    const run = await start();
    await until(() => (run.states.some((s) => s.state === 'watching') ? true : undefined), 'watching');
    await rm(run.inbox, { recursive: true });
    const missing = await until(() => run.states.find((s) => s.state === 'missing'), 'the missing state');
    expect(missing.message).toMatch(/The inbox folder .* does not exist \(any more\); watching resumes when it is back\./);
    await mkdir(run.inbox);
    await writeFile(join(run.inbox, 'back.txt'), 'Back again\n\nText.\n');
    const { event } = await until(() => run.events[0], 'the import after the folder came back');
    expect(event).toMatchObject({ status: 'imported', title: 'Back again' });
    expect(run.states.at(-1)?.state).toBe('watching');
  });

  it('refuses an inbox inside the archive', async () => {
    const archiveDir = await tempDir();
    await expect(start({ archiveDir, inbox: join(archiveDir, 'docs') })).rejects.toThrow(/must not contain each other/);
  });
});

describe('inbox watcher, bounded', () => {
  it('takes at most maxPerScan files per scan and gets to all of them', async () => {
    const run = await start({ maxPerScan: 2 });
    for (let i = 1; i <= 7; i++) await writeFile(join(run.inbox, `note-${i}.txt`), `Note ${i}\n\nText ${i}.\n`);
    await until(() => (run.events.length >= 7 ? true : undefined), 'all seven files');
    expect(run.events.map((e) => e.event.title).sort()).toEqual(['Note 1', 'Note 2', 'Note 3', 'Note 4', 'Note 5', 'Note 6', 'Note 7']);
    expect((await readdir(join(run.inbox, 'done'))).length).toBe(7);
    expect(Math.max(...run.scans)).toBeLessThanOrEqual(2);
    expect(run.scans.filter((n) => n > 0).length).toBeGreaterThanOrEqual(4);
  });
});
