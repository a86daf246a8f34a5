import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, ROOT, screenshotPath, test } from './fixtures';
import { EntitiesPage } from './models/entities-page';
import { LibraryPage } from './models/library-page';
import { ReaderPage } from './models/reader-page';

const TITLE = 'Board appointments';
const REPORT = [
  TITLE,
  '',
  'Lin Jian, deputy general manager of Bio-Thera Solutions, met Zhou Chong of GIBH in Guangzhou.',
  '',
  '林坚是百奥泰生物制药股份有限公司副总经理。',
  '',
].join('\n');

const cli = (...args: string[]) => execFileSync(process.execPath, [join(ROOT, 'bin', 'marginalia.mjs'), ...args], { cwd: ROOT, encoding: 'utf8' });

test('a relation made by keyboard (r, arrows, the type’s number) shows as an arc, is listed, undone and redone, exported to brat and read back', async ({ page, server }) => {
  const dir = await mkdtemp(join(tmpdir(), 'marginalia-relations-'));
  const file = join(dir, 'board.txt');
  await writeFile(file, REPORT);
  const library = new LibraryPage(page);
  const reader = new ReaderPage(page);
  const entities = new EntitiesPage(page);
  await library.open(server.url);
  await library.importFiles([file]);
  await library.document(TITLE).click();
  await expect(reader.article).toBeVisible();

  for (const [phrase, key] of [['Lin Jian', '1'], ['Bio-Thera Solutions', '2'], ['Zhou Chong', '1'], ['林坚', '1'], ['百奥泰生物制药股份有限公司', '2']] as const) {
    await reader.dragSelect(phrase);
    await page.keyboard.press(key);
    await expect(entities.mentionWithText(phrase)).toHaveCount(1);
  }
  await page.mouse.click(5, 5);

  // Keyboard only: ] goes to the first mention (Lin Jian), r starts a relation from it,
  // → moves to the next mention (Bio-Thera Solutions), 1 picks "Works for".
  await page.keyboard.press(']');
  await page.keyboard.press('r');
  const bar = page.getByRole('region', { name: 'Relation' });
  await expect(bar.getByRole('status')).toHaveText('“Lin Jian” → “Bio-Thera Solutions”: press a type’s number (Esc cancels).');
  await page.keyboard.press('ArrowRight');
  await expect(bar.getByRole('status')).toContainText('→ “Zhou Chong”');
  await page.keyboard.press('Tab');
  await expect(bar.getByRole('status')).toContainText('→ “林坚”');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Shift+Tab');
  await expect(bar.getByRole('status')).toContainText('→ “Bio-Thera Solutions”');
  await expect(bar.getByRole('button', { name: '2 Part of' })).toBeDisabled(); // PERSON cannot be "part of"
  await page.keyboard.press('1');
  await expect(bar).toBeHidden();
  const arcs = page.locator('svg.relation-arcs g[data-relation-id]');
  await expect(arcs).toHaveCount(1);
  await expect(arcs.first()).toContainText('Works for');
  const list = page.getByRole('list', { name: 'Relations in this document' });
  await expect(list.getByRole('listitem')).toHaveText(['Lin Jian — Works for → Bio-Thera Solutions×']);

  // Undo and redo the relation.
  await reader.undo();
  await expect(arcs).toHaveCount(0);
  await reader.redo();
  await expect(arcs).toHaveCount(1);

  // By mouse, in Chinese: open 林坚, "Relate to…", click the company, click the type.
  await entities.mentionWithText('林坚').click();
  await entities.mentionPopover.getByRole('button', { name: 'Relate to… (r)' }).click();
  await entities.mentionWithText('百奥泰生物制药股份有限公司').click();
  await expect(bar.getByRole('status')).toContainText('“林坚” → “百奥泰生物制药股份有限公司”');
  await bar.getByRole('button', { name: '1 Works for' }).click();
  await expect(arcs).toHaveCount(2);
  await page.screenshot({ path: screenshotPath('relations-arcs') });

  // Deleting a mention deletes its relations; undo brings both back.
  await entities.mentionWithText('林坚').click();
  await page.keyboard.press('Delete');
  await expect(arcs).toHaveCount(1);
  await reader.undo();
  await expect(entities.mentionWithText('林坚')).toHaveCount(1);
  await expect(arcs).toHaveCount(2);

  // Both entities' pages list the relation.
  await entities.mentionWithText('林坚').click();
  await entities.mentionPopover.getByRole('link', { name: '林坚' }).click();
  const relationsOnPage = page.getByRole('region', { name: /^Relations/ });
  await expect(relationsOnPage.getByRole('listitem')).toHaveText([/^林坚 — Works for → 百奥泰生物制药股份有限公司/]);
  await relationsOnPage.getByRole('link', { name: '百奥泰生物制药股份有限公司' }).click();
  await expect(page.getByRole('region', { name: /^Relations/ }).getByRole('listitem')).toHaveText([/^林坚 — Works for → 百奥泰生物制药股份有限公司/]);

  // Export to brat with the CLI; a second archive with the same text reads the relations back.
  const out = join(dir, 'brat');
  cli('--archive', server.archiveDir, 'export', 'brat', out);
  const annName = (await readdir(out)).find((n) => n.endsWith('.ann'))!;
  const ann = await readFile(join(out, annName), 'utf8');
  expect(ann.match(/^R\d+\tWORKS_FOR Arg1:T\d+ Arg2:T\d+$/gm)).toHaveLength(2);
  const second = join(dir, 'second');
  cli('--archive', second, 'import', file);
  const report = JSON.parse(cli('--archive', second, 'import-annotations', out, '--json')) as { format: string; imported: number; skipped: number }[];
  expect(report.find((r) => r.format === 'brat')).toMatchObject({ imported: 7, skipped: 0 });
  const id = (JSON.parse(cli('--archive', second, 'list', '--json')) as { id: string }[])[0]!.id;
  const annotations = JSON.parse(cli('--archive', second, 'annotations', id, '--json')) as { kind: string }[];
  expect(annotations.filter((a) => a.kind === 'relation')).toHaveLength(2);
});

test('relation types are edited with the labels in Settings: a new type with its ends, saved and offered when relating', async ({ page, server }) => {
  const library = new LibraryPage(page);
  await library.open(server.url);
  await page.goto(`${new URL(page.url()).origin}/#/settings`);
  const section = page.getByRole('region', { name: 'Relation types' });
  await section.getByRole('textbox', { name: 'New relation type' }).fill('Funds');
  await section.getByRole('button', { name: 'Add' }).click();
  await section.getByRole('group', { name: 'Labels at the first end of Funds' }).getByRole('checkbox', { name: 'ORG' }).check();
  await section.getByRole('group', { name: 'Labels at the second end of Funds' }).getByRole('checkbox', { name: 'ORG' }).check();
  await section.getByRole('button', { name: 'Save relation types' }).click();
  await expect(section.getByRole('status', { name: 'Relation types status' })).toHaveText('Relation types saved');
  await section.screenshot({ path: screenshotPath('relation-types') });
  await page.reload();
  await expect(page.getByRole('region', { name: 'Relation types' }).getByRole('textbox', { name: 'Name of relation type FUNDS' })).toHaveValue('Funds');
});
