import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, screenshotPath, test } from './fixtures';
import { EntitiesPage } from './models/entities-page';
import { LibraryPage } from './models/library-page';
import { ReaderPage } from './models/reader-page';
import { ShellPage } from './models/shell-page';

async function writeDocs(docs: Record<string, string>): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'marginalia-trash-'));
  const paths: string[] = [];
  for (const [name, text] of Object.entries(docs)) {
    await writeFile(join(dir, name), text);
    paths.push(join(dir, name));
  }
  return paths;
}

test('Delete key moves two documents to the trash; one comes back whole; emptying asks, naming how many', async ({ page, server }) => {
  test.setTimeout(90_000);
  const library = new LibraryPage(page);
  const reader = new ReaderPage(page);
  const files = await writeDocs({
    'alpha.txt': 'Alpha report\n\nThe harbour board approved the zebrafish budget for next year.\n',
    'beta.txt': 'Beta report\n\nThe tidal laboratory opened on the east quay.\n',
    'gamma.txt': 'Gamma report\n\nStaff travel by train to the coastal station.\n',
  });
  await library.open(server.url);
  await library.importFiles(files);
  await library.document('Alpha report').click();
  await reader.highlight('zebrafish budget');
  await page.keyboard.press('Alt+l');
  await expect(library.document('Alpha report')).toBeVisible();

  await library.selectBox('Alpha report').check();
  await library.selectBox('Beta report').check();
  await page.mouse.click(5, 5); // focus off the checkbox: the key belongs to the library
  await page.keyboard.press('Delete');
  const toast = page.getByRole('status').filter({ hasText: 'Deleted 2 documents' });
  await expect(toast).toBeVisible();
  await expect(toast.getByRole('button', { name: 'Undo' })).toBeVisible();
  await expect(library.documentLinks).toHaveText(['Gamma report']);
  // Search follows at once.
  await page.getByRole('searchbox').fill('zebrafish');
  await expect(page.getByText('No documents match')).toBeVisible();
  await page.getByRole('searchbox').fill('');

  await library.sidebar.getByRole('link', { name: 'Trash (2)' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Trash' })).toBeVisible();
  const trashRows = page.getByRole('table').getByRole('rowheader');
  await expect(trashRows).toHaveCount(2);
  expect((await trashRows.allInnerTexts()).sort()).toEqual(['Alpha report', 'Beta report']);
  await page.mouse.move(0, 0);
  await page.screenshot({ path: screenshotPath('trash-view') });
  expect(await new ShellPage(page).axeViolations()).toEqual([]);

  await page.getByRole('button', { name: 'Restore “Alpha report”' }).click();
  await expect(trashRows).toHaveText(['Beta report']);

  await page.getByRole('button', { name: 'Empty trash…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete 1 document for good?' });
  await expect(confirm).toBeVisible();
  expect(await new ShellPage(page).axeViolations()).toEqual([]);
  await expect(confirm).toContainText('cannot be undone');
  await confirm.getByRole('button', { name: 'Delete 1 document' }).click();
  await expect(page.getByText('The trash is empty.')).toBeVisible();

  await page.keyboard.press('Alt+l');
  await expect(library.documentLinks).toHaveCount(2);
  await library.document('Alpha report').click();
  await expect(reader.markWithText('zebrafish budget')).toBeVisible();
});

test('the reader deletes its document; the toast undoes it', async ({ page, server }) => {
  const library = new LibraryPage(page);
  const reader = new ReaderPage(page);
  const files = await writeDocs({ 'delta.txt': 'Delta memo\n\nA memo about the quay.\n', 'omega.txt': 'Omega memo\n\nAnother memo.\n' });
  await library.open(server.url);
  await library.importFiles(files);
  await library.document('Delta memo').click();
  await expect(reader.article).toBeVisible();
  await page.getByRole('button', { name: 'Delete document' }).click();
  await expect(library.heading).toBeVisible();
  await expect(library.documentLinks).toHaveText(['Omega memo']);
  await page.getByRole('status').filter({ hasText: 'Moved “Delta memo” to the trash' }).getByRole('button', { name: 'Undo' }).click();
  await expect(library.documentLinks).toHaveCount(2);
  await expect(library.document('Delta memo')).toBeVisible();
});

test('an entity is deleted keeping its mentions unlinked, and undo brings it back', async ({ page, server }) => {
  test.setTimeout(90_000);
  const library = new LibraryPage(page);
  const reader = new ReaderPage(page);
  const entities = new EntitiesPage(page);
  const files = await writeDocs({ 'visit.txt': 'Visit report\n\nMaurice Wilkins visited the Harbour Institute in spring.\n' });
  await library.open(server.url);
  await library.importFiles(files);
  await library.document('Visit report').click();
  await reader.dragSelect('Maurice Wilkins');
  await page.keyboard.press('1');
  await expect(entities.mentionWithText('Maurice Wilkins', 'PERSON')).toHaveCount(1);

  await page.keyboard.press('Alt+e');
  await expect(entities.row('Maurice Wilkins')).toBeVisible();
  await entities.row('Maurice Wilkins').getByRole('button', { name: 'Delete Maurice Wilkins…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete the entity “Maurice Wilkins”?' });
  await expect(dialog).toContainText('It has 1 mention.');
  await page.screenshot({ path: screenshotPath('entity-delete-dialog') });
  expect(await new ShellPage(page).axeViolations()).toEqual([]);
  await expect(dialog.getByRole('radio', { name: /Keep the mentions, unlinked/ })).toBeChecked();
  await dialog.getByRole('button', { name: 'Delete entity' }).click();
  await expect(entities.row('Maurice Wilkins')).toHaveCount(0);
  await page.getByRole('status').filter({ hasText: 'Deleted “Maurice Wilkins”' }).getByRole('button', { name: 'Undo' }).click();
  await expect(entities.row('Maurice Wilkins')).toBeVisible();
  await expect(entities.row('Maurice Wilkins').getByRole('cell').nth(4)).toHaveText('1');

  // Again, for good: the mention stays in the text with its label, linked to no entity.
  await entities.row('Maurice Wilkins').getByRole('button', { name: 'Delete Maurice Wilkins…' }).click();
  await dialog.getByRole('button', { name: 'Delete entity' }).click();
  await expect(entities.row('Maurice Wilkins')).toHaveCount(0);
  await page.keyboard.press('Alt+l');
  await library.document('Visit report').click();
  const mention = entities.mentionWithText('Maurice Wilkins', 'PERSON');
  await expect(mention).toHaveCount(1);
  await mention.click();
  await expect(entities.mentionPopover).toBeVisible();
  await expect(entities.mentionPopover.getByRole('link', { name: 'Maurice Wilkins' })).toHaveCount(0);
});

test('Settings → Trash empties documents older than N days; the Trash view says so', async ({ page, server }) => {
  const library = new LibraryPage(page);
  await library.open(server.url);
  await page.goto(`${new URL(server.url).origin}/#/settings`);
  const section = page.getByRole('group', { name: 'Trash' });
  await expect(section.getByRole('radio', { name: 'Never empty automatically' })).toBeChecked();
  await section.getByRole('radio', { name: 'After a number of days' }).check();
  await section.getByLabel('Empty documents older than (days)').fill('14');
  await page.getByRole('button', { name: 'Save trash setting' }).click();
  await expect(page.getByRole('status', { name: 'Trash setting status' })).toHaveText('Trash setting saved');
  await section.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('trash-settings') });
  await page.goto(`${new URL(server.url).origin}/#/trash`);
  await expect(page.getByText('Documents are removed for good after 14 days in the trash')).toBeVisible();
});
