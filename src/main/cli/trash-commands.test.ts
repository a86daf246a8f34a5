import { spawnSync } from 'node:child_process';
import { copyFile, cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Archive } from '../core/archive';
import { useTempDirs } from '../core/test-support/temp-dir';
import { trashEmptyCommand } from './trash-commands';

/** delete, trash, entities delete and the import/show/list notices, through the built CLI as users run it. */
const ROOT = resolve(import.meta.dirname, '../../..');
const BIN = join(ROOT, 'bin/marginalia.mjs');
const tempDir = useTempDirs();

function cli(archive: string, ...args: string[]) {
  // stdin is not a terminal here: commands that ask must be told --yes.
  const result = spawnSync(process.execPath, [BIN, '--archive', archive, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, MARGINALIA_ARCHIVE: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
const json = <T>(out: string) => JSON.parse(out) as T;

beforeAll(() => {
  if (!existsSync(join(ROOT, 'out/main/cli.js'))) throw new Error('The CLI is not built: run `npm run build` before these tests (npm test does).');
});

async function importOnce() {
  const archive = await mkdtemp(join(tmpdir(), 'marginalia-test-'));
  const src = await tempDir('marginalia-src-');
  await writeFile(join(src, 'budget.txt'), 'Budget report\n\nThe Guangzhou institute approved the zebrafish budget.\n');
  await writeFile(join(src, 'travel.txt'), 'Travel policy\n\nStaff of the Guangzhou institute travel by train.\n');
  await writeFile(join(src, 'sheet.xlsx'), 'PK not a format Marginalia reads');
  await copyFile(join(ROOT, 'fixtures/pdf-no-text.pdf'), join(src, 'scan.pdf'));
  // OCR off: the scan keeps its no-text notice, which is what the test reads (OCR has tests of its own).
  const imported = cli(archive, 'import', '--ocr', 'off', src);
  const docs = json<{ id: string; title: string; type: string; notices: string[]; language: string | null; date: string | null }[]>(cli(archive, 'list', '--json').stdout);
  const id = (title: string) => docs.find((d) => d.title.startsWith(title))!.id;
  return { archive, imported, docs, budget: id('Budget'), travel: id('Travel') };
}

// The same four files make every test's archive: the CLI imports them once per file, and each
// test gets its own copy of the folder that import left (the first test reads its output).
let importing: ReturnType<typeof importOnce> | undefined;
afterAll(async () => {
  if (importing) await rm((await importing).archive, { recursive: true, force: true });
});

async function importedArchive() {
  const first = await (importing ??= importOnce());
  const archive = await tempDir();
  await cp(first.archive, archive, { recursive: true });
  return { ...first, archive };
}

describe('CLI: delete, trash, entities delete', () => {
  it('lists files a folder import skips, with the reason, and shows language, date and notices', async () => {
    const { archive, imported, docs } = await importedArchive();
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/^\[\d\/4\] skipped +.*sheet\.xlsx: \.xlsx is not a format Marginalia imports \(yet\); it reads .*\.txt/m);
    expect(imported.stdout).toMatch(/^3 imported, 0 duplicate, 0 failed, 1 skipped \(format not supported\)$/m);
    const scan = docs.find((d) => d.type === 'pdf')!;
    expect(scan.notices).toEqual([expect.stringMatching(/No text layer/)]);
    expect(docs.find((d) => d.title === 'Budget report')).toMatchObject({ language: 'en', date: null, notices: [] });
    const shown = cli(archive, 'show', scan.id);
    expect(shown.stdout).toMatch(/^notice +No text layer/m);
    expect(shown.stdout).toMatch(/^language +-$/m);
    expect(json<{ notices: string[] }>(cli(archive, 'show', scan.id, '--json').stdout).notices).toHaveLength(1);
    expect(cli(archive, 'list').stdout).toMatch(/\(notice: No text layer/);
  });

  it('deletes to the trash, lists, restores, and empties only with --yes when there is no terminal', async () => {
    const { archive, budget, travel } = await importedArchive();
    const deleted = cli(archive, 'delete', budget, travel);
    expect(deleted.code).toBe(0);
    expect(deleted.stdout).toMatch(new RegExp(`^trashed +${budget} +"Budget report"$`, 'm'));
    expect(deleted.stdout).toMatch(/Bring them back with: marginalia trash restore [a-z0-9]+ [a-z0-9]+$/m);
    expect(json<{ id: string }[]>(cli(archive, 'list', '--json').stdout).map((d) => d.id)).not.toContain(budget);
    expect(json<unknown[]>(cli(archive, 'search', 'zebrafish', '--json').stdout)).toEqual([]);
    const listed = json<{ id: string; title: string; deletedAt: string; annotations: number }[]>(cli(archive, 'trash', 'list', '--json').stdout);
    expect(listed.map((d) => d.id).sort()).toEqual([budget, travel].sort());
    expect(cli(archive, 'trash', 'list').stdout).toMatch(/^ID +TYPE +SIZE +DELETED +ANNOTATIONS +TITLE/);

    const restored = cli(archive, 'trash', 'restore', budget);
    expect(restored.code).toBe(0);
    expect(restored.stdout).toMatch(new RegExp(`^restored +${budget} +"Budget report"$`, 'm'));
    expect(json<{ id: string }[]>(cli(archive, 'search', 'zebrafish', '--json').stdout).map((h) => h.id)).toEqual([budget]);
    expect(cli(archive, 'trash', 'restore', budget).stderr).toMatch(/No document with id .* in the trash/);

    const refused = cli(archive, 'trash', 'empty');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/the trash holds 1 document\(s\).*--yes/);
    expect(await readdir(join(archive, 'trash'))).toEqual([travel]);
    const emptied = cli(archive, 'trash', 'empty', '--yes');
    expect(emptied.code).toBe(0);
    expect(emptied.stdout).toMatch(/^1 document\(s\) removed for good\.$/m);
    expect(await readdir(join(archive, 'trash'))).toEqual([]);
    expect(cli(archive, 'trash', 'list').stdout).toMatch(/The trash is empty/);
    expect(cli(archive, 'delete', 'zzzzzzzz').code).toBe(2);
  });

  it('deletes an entity keeping its mentions unlinked or removing them', async () => {
    const { archive, budget, travel } = await importedArchive();
    const open = await Archive.open(archive, { writable: true, owner: 'test' });
    const text = (await open.get(budget)).text;
    const at = text.indexOf('Guangzhou');
    const { entity } = await open.entities.tag(budget, { start: at, end: at + 9, label: 'LOCATION' });
    const travelText = (await open.get(travel)).text;
    const { entity: other } = await open.entities.tag(travel, { start: travelText.indexOf('train'), end: travelText.indexOf('train') + 5, label: 'EVENT' });
    await open.close();

    expect(cli(archive, 'entities', 'delete', entity.id).code).not.toBe(0); // --mentions is required: the user chooses
    const unlinked = cli(archive, 'entities', 'delete', entity.id, '--mentions', 'unlink');
    expect(unlinked.code).toBe(0);
    expect(unlinked.stdout).toMatch(/1 mention\(s\) in 1 document\(s\) kept without an entity/);
    expect(json<{ id: string }[]>(cli(archive, 'entities', '--json').stdout).map((e) => e.id)).toEqual([other.id]);
    const kept = json<{ kind: string; label: string; quote: string }[]>(cli(archive, 'annotations', budget, '--json').stdout);
    expect(kept).toMatchObject([{ kind: 'entity', label: 'LOCATION', quote: 'Guangzhou' }]);

    const removed = cli(archive, 'entities', 'delete', other.id, '--mentions', 'remove', '--json');
    expect(json(removed.stdout)).toMatchObject({ id: other.id, mentions: 'remove', count: 1, documents: 1 });
    expect(json<unknown[]>(cli(archive, 'annotations', travel, '--json').stdout)).toEqual([]);
    expect(cli(archive, 'entities', 'delete', other.id, '--mentions', 'remove').stderr).toMatch(/No entity with id/);
  });

  it('asks before emptying on a terminal, naming how many documents, and keeps them on no', async () => {
    const { archive, budget, travel } = await importedArchive();
    expect(cli(archive, 'delete', budget, travel).code).toBe(0);
    const lines: string[] = [];
    const io = { out: (line: string) => lines.push(line), err: (line: string) => lines.push(line) };
    const asked: string[] = [];
    expect(await trashEmptyCommand(archive, {}, io, async (q) => (asked.push(q), false))).toBe(1);
    expect(asked).toEqual([expect.stringMatching(/^Remove 2 document\(s\) in the trash for good, with their annotations and notes\? This cannot be undone\.$/)]);
    expect(lines).toContain('Nothing removed.');
    expect((await readdir(join(archive, 'trash'))).sort()).toEqual([budget, travel].sort());
    expect(await trashEmptyCommand(archive, {}, io, async () => true)).toBe(0);
    expect(lines).toContain('2 document(s) removed for good.');
    expect(await readdir(join(archive, 'trash'))).toEqual([]);
  });
});
