import { mkdtempSync, writeFileSync } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, ROOT, test } from './fixtures';
import { LibraryPage } from './models/library-page';
import { InboxForm, RulesForm } from './models/settings-page';
import { ShellPage } from './models/shell-page';

const shot = (name: string) => join(ROOT, 'docs', 'screenshots', `${name}.png`);

test.use({ viewport: { width: 1280, height: 900 } });

test('a file dropped into the inbox of a running serve appears in the library, tagged by a rule; rules preview over the library', async ({ page, server }) => {
  test.setTimeout(120_000);
  const library = new LibraryPage(page);
  const shell = new ShellPage(page);
  const inbox = new InboxForm(page);
  const rules = new RulesForm(page);
  const work = mkdtempSync(join(tmpdir(), 'marginalia-e2e-inbox-'));
  const inboxDir = join(work, 'inbox');

  // A document already in the library before any rule: the preview will offer to file it.
  const older = join(work, 'older-minutes.txt');
  writeFileSync(older, 'Minutes of the weekly report meeting\n\nThe weekly report was read and approved.\n');
  await library.open(server.url);
  await library.importFiles([older]);
  await library.summary.getByRole('button', { name: 'Dismiss summary' }).click();

  await shell.openSettings();
  await rules.add({ name: 'Weekly reports', match: 'All words', pattern: 'weekly report', tags: 'reports/weekly', collections: 'Weekly' });
  await expect(rules.status).toHaveText('Rule “Weekly reports” added');
  await expect(rules.table.getByRole('row', { name: /Weekly reports/ })).toContainText('tags reports/weekly; collections Weekly');
  await rules.add({ name: '周报', match: 'Exact phrase', pattern: '工作周报', tags: '周报' });
  await expect(rules.status).toHaveText('Rule “周报” added');

  // A regular expression that does not compile is refused, with the reason.
  await rules.add({ name: 'Broken', match: 'Regular expression', pattern: 'report(?=s)', tags: 'x' });
  await expect(rules.status).toContainText('Rule "Broken": the regular expression is not valid: invalid or unsupported Perl syntax: `(?=`.');
  await expect(rules.table.getByRole('row')).toHaveCount(3);
  for (const field of ['Name', 'Words, phrase or pattern', 'Tags']) await rules.form.getByRole('textbox', { name: field }).fill('');

  // Rules apply in order (the first with a date sets it): they move, and they can be edited.
  await rules.table.getByRole('button', { name: 'Move rule “周报” up' }).click();
  await expect(rules.table.getByRole('row').nth(1)).toContainText('周报');
  await rules.table.getByRole('button', { name: 'Edit rule “周报”' }).click();
  await expect(rules.form.getByRole('textbox', { name: 'Words, phrase or pattern' })).toHaveValue('工作周报');
  await rules.form.getByRole('textbox', { name: 'Tags' }).fill('周报, 汇报');
  await rules.form.getByRole('button', { name: 'Save rule' }).click();
  await expect(rules.status).toHaveText('Rules saved');
  await expect(rules.table.getByRole('row', { name: /周报/ })).toContainText('tags 周报, 汇报');
  await expect(rules.table.getByRole('row')).toHaveCount(3);

  // The inbox: a folder that does not exist yet is reported, and watched once it appears.
  await inbox.folder.fill(inboxDir);
  await inbox.save.click();
  await expect(inbox.state).toHaveText(`The inbox folder ${inboxDir} does not exist (any more); watching resumes when it is back.`);
  await mkdir(inboxDir);
  await expect(inbox.state).toHaveText(`Watching ${inboxDir}`, { timeout: 30_000 });

  writeFileSync(join(inboxDir, 'week-12.txt'), 'Weekly report 12\n\nThe weekly report of the harbour office.\n');
  writeFileSync(join(inboxDir, 'scan.xyz'), 'not a document');
  await expect(inbox.recent.getByRole('listitem').filter({ hasText: 'week-12.txt' })).toContainText('Imported week-12.txt — Weekly report 12 · filed by Weekly reports', { timeout: 30_000 });
  await expect(inbox.recent.getByRole('listitem').filter({ hasText: 'scan.xyz' })).toContainText('unsupported file type .xyz', { timeout: 30_000 });
  await expect(shell.errorToast('scan.xyz')).toBeVisible();
  expect((await readdir(inboxDir)).sort()).toEqual(['done', 'scan.xyz', 'scan.xyz.error.txt']);
  expect(await readdir(join(inboxDir, 'done'))).toEqual(['week-12.txt']);

  // The preview over the library: the older document would be filed, the inbox one already is.
  await rules.group.getByRole('button', { name: 'Preview on the library…' }).click();
  await expect(rules.preview).toBeVisible();
  await expect(rules.preview.getByRole('row')).toHaveCount(2);
  await expect(rules.preview.getByRole('row', { name: /Minutes of the weekly report meeting/ })).toContainText('tags reports/weekly; collections Weekly');
  // Toasts float over the page: dismissed, so that the pictures show the settings.
  const dismiss = shell.toasts.getByRole('button', { name: /^Dismiss/ });
  while ((await dismiss.count()) > 0) await dismiss.first().click();
  await expect(shell.toasts.getByRole('button', { name: /^Dismiss/ })).toHaveCount(0);
  await page.mouse.move(0, 0);
  await inbox.group.screenshot({ path: shot('settings-inbox') });
  await rules.group.screenshot({ path: shot('settings-rules-preview') });
  // The filled-in sections (rule table, recent files, preview) pass axe as the rest of Settings does.
  expect(await shell.axeViolations('.settings')).toEqual([]);
  await rules.preview.getByRole('button', { name: 'Apply to 1 document' }).click();
  await expect(rules.preview).toBeHidden();

  await page.getByRole('link', { name: 'Library' }).click();
  await expect(library.document('Weekly report 12')).toBeVisible();
  // The inbox's files are in the library's import summary, as any import's are.
  await expect(library.summary).toContainText('1 imported, 0 duplicates, 1 failed');
  await expect(library.summary).toContainText('scan.xyz');
  await expect(library.tag('weekly')).toHaveAccessibleName('weekly 2');
  await expect(library.collection('Weekly')).toHaveAccessibleName('Weekly 2');
});
