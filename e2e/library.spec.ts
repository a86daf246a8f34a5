import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { apiHeaders, expect, fixtureFile, screenshotPath, test } from './fixtures';
import { LibraryPage } from './models/library-page';
import { ReaderPage } from './models/reader-page';

const ENGLISH = fixtureFile('address-en.txt');
const MARKDOWN = fixtureFile('notice.md');
const CHINESE = fixtureFile('report-gb18030.txt');
const DOCUMENTS = [ENGLISH, MARKDOWN, CHINESE];
const UNSUPPORTED = fixtureFile('scan.zip');

/** A line from the file's body as written on disk: it survives re-joining of hard-wrapped lines. */
function firstLineOfSecondParagraph(file: string): string {
  const paragraphs = readFileSync(file, 'utf8').split(/\n\s*\n/);
  return (paragraphs[1] ?? '').split('\n')[0]!.trim();
}

test('an empty archive invites the user to import', async ({ page, server }) => {
  const library = new LibraryPage(page);
  await library.open(server.url);
  await expect(library.emptyState).toBeVisible();
  await expect(library.chooseFiles).toBeVisible();
  await expect(library.table).toHaveCount(0);
  // Browser mode has no native dialog: the desktop-only button must not be offered.
  await expect(page.getByRole('button', { name: 'Import folder…' })).toHaveCount(0);
  await page.screenshot({ path: screenshotPath('library-empty'), fullPage: true });
});

test('imports files, lists their titles, and reports duplicates and failures', async ({ page, server }) => {
  const library = new LibraryPage(page);
  await library.open(server.url);

  await library.importFiles([...DOCUMENTS, UNSUPPORTED]);
  await expect(library.summary).toContainText('3 imported, 0 duplicates, 1 failed');
  await expect(library.summary.getByRole('listitem')).toHaveText([/^scan\.zip: .*\.zip/]);
  await expect(library.documentLinks).toHaveCount(3);
  expect((await library.sourceNames()).sort()).toEqual(DOCUMENTS.map((f) => basename(f)).sort());
  for (const title of await library.titles()) expect(title.trim()).not.toBe('');
  await page.screenshot({ path: screenshotPath('library-imported'), fullPage: true });

  await library.importFiles(DOCUMENTS);
  await expect(library.summary).toContainText('0 imported, 3 duplicates, 0 failed');
  await expect(library.documentLinks).toHaveCount(3);
  await page.screenshot({ path: screenshotPath('library-duplicates'), fullPage: true });
});

test('opens a document from the keyboard, and a reload keeps it open', async ({ page, server }) => {
  const library = new LibraryPage(page);
  const reader = new ReaderPage(page);
  await library.open(server.url);
  await library.importFiles([ENGLISH]);

  const link = library.documentLinks.first();
  const title = (await link.innerText()).trim();
  await link.focus();
  await page.keyboard.press('Enter');

  await expect(page).toHaveURL(/#\/doc\/[a-z0-9]+$/);
  await expect(reader.title).toHaveText(title);
  await expect(reader.paragraphs.first()).toBeVisible();
  await expect(reader.article).toContainText(firstLineOfSecondParagraph(ENGLISH));
  await expect(reader.article.locator('[data-start][data-end]').first()).toBeVisible();

  await page.reload();
  await expect(reader.title).toHaveText(title);
  await expect(reader.paragraphs.first()).toBeVisible();
  await page.screenshot({ path: screenshotPath('reader-english'), fullPage: true });

  await reader.backToLibrary.click();
  await expect(library.document(title)).toBeVisible();
});

test('a GB18030 file shows correct Chinese', async ({ page, server }) => {
  const library = new LibraryPage(page);
  const reader = new ReaderPage(page);
  await library.open(server.url);
  await library.importFiles([CHINESE]);
  await library.documentLinks.first().click();

  await expect(reader.article).toContainText('广州生物医药与健康研究院');
  await expect(reader.article).not.toContainText('\uFFFD');
  await expect(reader.metadata.filter({ hasText: /^gb18030$/i })).toHaveCount(1);
  await page.screenshot({ path: screenshotPath('reader-chinese'), fullPage: true });
});

test('Markdown renders as headings, lists, quotes and tables', async ({ page, server }) => {
  const library = new LibraryPage(page);
  const reader = new ReaderPage(page);
  await library.open(server.url);
  await library.importFiles([MARKDOWN]);
  await library.documentLinks.first().click();

  await expect(reader.title).toBeVisible();
  await expect(reader.article.getByRole('heading', { level: 2 }).first()).toBeVisible();
  await expect(reader.article.getByRole('listitem').first()).toBeVisible();
  await expect(reader.article.getByRole('table')).toBeVisible();
  await page.screenshot({ path: screenshotPath('reader-markdown'), fullPage: true });
});

test('sorting by size orders the documents by their file size', async ({ page, server }) => {
  const library = new LibraryPage(page);
  await library.open(server.url);
  await library.importFiles(DOCUMENTS);
  await expect(library.documentLinks).toHaveCount(3);

  const sizeOf = new Map(DOCUMENTS.map((f) => [basename(f), statSync(f).size]));
  const shownSizes = async () => (await library.sourceNames()).map((name) => sizeOf.get(name) ?? NaN);
  const ascending = [...sizeOf.values()].sort((a, b) => a - b);

  await library.sortBy('Size');
  await expect(library.columnHeader('Size')).toHaveAttribute('aria-sort', 'ascending');
  await expect(library.columnHeader('Imported')).toHaveAttribute('aria-sort', 'none');
  expect(await shownSizes()).toEqual(ascending);

  await library.sortBy('Size');
  await expect(library.columnHeader('Size')).toHaveAttribute('aria-sort', 'descending');
  expect(await shownSizes()).toEqual([...ascending].reverse());
  await page.screenshot({ path: screenshotPath('library-sorted-by-size'), fullPage: true });
});

test('renames a document: Enter saves, Escape cancels, the library follows', async ({ page, server }) => {
  const library = new LibraryPage(page);
  const reader = new ReaderPage(page);
  await library.open(server.url);
  await library.importFiles([ENGLISH]);
  const original = (await library.documentLinks.first().innerText()).trim();
  await library.documentLinks.first().click();
  await expect(reader.title).toHaveText(original);

  await reader.renameButton.click();
  await reader.titleInput.fill('Not saved');
  await reader.titleInput.press('Escape');
  await expect(reader.title).toHaveText(original);
  await expect(reader.renameButton).toBeFocused();

  // An empty title is refused by the core; the reason is shown beside the field.
  await reader.renameButton.click();
  await reader.titleInput.fill('   ');
  await reader.titleInput.press('Enter');
  await expect(page.getByRole('alert')).toContainText('title must not be empty');
  await page.screenshot({ path: screenshotPath('reader-rename-error'), fullPage: true });
  await reader.titleInput.press('Escape');

  await reader.rename('Address to the Staff Assembly, 2025');
  await expect(reader.title).toHaveText('Address to the Staff Assembly, 2025');
  await page.reload();
  await expect(reader.title).toHaveText('Address to the Staff Assembly, 2025');

  await reader.backToLibrary.click();
  await expect(library.document('Address to the Staff Assembly, 2025')).toBeVisible();
  await expect(library.document(original)).toHaveCount(0);
});

test('the server refuses requests without the token', async ({ request, server }) => {
  const origin = new URL(server.url).origin;
  const page = await request.get(`${origin}/`);
  expect(page.status()).toBe(401);
  const api = await request.post(`${origin}/api/library.list`, { data: {} });
  expect(api.status()).toBe(401);
});

test('the page drives the API with its header token; the cookie the browser holds opens no API call', async ({ page, server }) => {
  const library = new LibraryPage(page);
  await library.open(server.url);
  await library.importFiles(DOCUMENTS.slice(0, 1));
  await expect(library.documentLinks).toHaveCount(1);
  // The token left the address bar; a reload still works (the tab keeps it).
  expect(page.url()).not.toContain('token=');
  await page.reload();
  await expect(library.documentLinks).toHaveCount(1);
  const origin = new URL(server.url).origin;
  const cookies = await page.context().cookies(origin);
  expect(cookies.map((c) => c.name)).toEqual([`marginalia_session_${new URL(server.url).port}`]);
  // page.request sends the browser's cookies, as a request from any page to this port would.
  const cookieOnly = await page.request.post(`${origin}/api/library.list`, { data: {} });
  expect(cookieOnly.status()).toBe(401);
  const events = await page.request.get(`${origin}/api/events`);
  expect(events.status()).toBe(401);
  const withHeader = await page.request.post(`${origin}/api/library.list`, { headers: apiHeaders(server.url), data: {} });
  expect((await withHeader.json()).value).toHaveLength(1);
});

test('edits a document’s date and tags, then filters by the tag', async ({ page, server }) => {
  const library = new LibraryPage(page);
  await library.open(server.url);
  await library.importFiles(DOCUMENTS);
  const title = 'Notice: Library Opening Hours';

  await library.openDetails(title);
  const dialog = library.detailsDialog;
  await dialog.getByLabel('Date').fill('2025-06-30');
  await dialog.getByLabel('Author or issuer').fill('Records Office');
  await dialog.getByLabel('Tags').fill('policy/national, notices');
  await page.screenshot({ path: screenshotPath('library-details'), fullPage: true });
  await dialog.getByRole('button', { name: 'Save details' }).click();
  await expect(dialog).toHaveCount(0);

  const row = library.row(title);
  await expect(row.getByRole('cell').nth(2)).toHaveText('2025-06-30');
  await expect(library.tag('policy')).toHaveAccessibleName('policy 1');
  await library.tag('national').click();
  await expect(library.documentLinks).toHaveText([title]);
  await expect(library.filters.getByRole('button', { name: 'Remove tag filter policy/national' })).toBeVisible();

  // Sorting by document date puts the dated one first (newest first, undated last).
  await library.filters.getByRole('button', { name: 'Clear filters' }).click();
  await library.sortBy('Date');
  await expect(library.columnHeader('Date')).toHaveAttribute('aria-sort', 'descending');
  await expect(library.documentLinks.first()).toHaveText(title);

  // Clearing the date sends null.
  await library.openDetails(title);
  await dialog.getByLabel('Date').fill('');
  await dialog.getByRole('button', { name: 'Save details' }).click();
  await expect(row.getByRole('cell').nth(2)).toHaveText('—');
});

test('bulk-tags two documents and gathers them in a collection', async ({ page, server }) => {
  const library = new LibraryPage(page);
  await library.open(server.url);
  await library.importFiles(DOCUMENTS);
  await library.sortBy('Title');
  const titles = await library.titles();

  // A click, then a shift-click on the next row: a range of two.
  await library.selectBox(titles[0]!).click();
  await library.selectBox(titles[1]!).click({ modifiers: ['Shift'] });
  await expect(library.bulkActions).toContainText('2 selected');
  await library.bulkActions.getByLabel('Tags for the selected documents').fill('reviewed');
  await library.bulkActions.getByRole('button', { name: 'Add tag' }).click();
  await expect(library.tag('reviewed')).toHaveAccessibleName('reviewed 2');

  await library.sidebar.getByRole('button', { name: '+ New collection' }).click();
  const name = library.sidebar.getByRole('textbox', { name: 'Name of the new collection' });
  await name.fill('Board papers');
  await name.press('Enter');
  await expect(library.collection('Board papers')).toHaveAccessibleName('Board papers 0');
  await library.bulkActions.getByRole('button', { name: 'Add to collection' }).click();
  await expect(library.collection('Board papers')).toHaveAccessibleName('Board papers 2');
  await library.bulkActions.getByRole('button', { name: 'Clear selection' }).click();
  await expect(library.bulkActions).toHaveCount(0);

  await library.collection('Board papers').click();
  await expect(library.documentLinks).toHaveText(titles.slice(0, 2));
  await page.screenshot({ path: screenshotPath('library-collection'), fullPage: true });
  await library.tag('reviewed').click();
  await expect(library.documentLinks).toHaveCount(2);

  // Ctrl+A ticks every row shown.
  await library.filters.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByRole('heading', { name: 'Library', level: 1 }).click();
  await page.keyboard.press('Control+a');
  await expect(library.bulkActions).toContainText('3 selected');
});

test('2,000 documents scroll and sort with only a window of rows in the page', async ({ page, server }) => {
  test.setTimeout(480_000);
  const library = new LibraryPage(page);
  await library.open(server.url);
  const origin = new URL(server.url).origin;
  const name = (i: number) => `Generated document ${String(i).padStart(4, '0')}`;
  for (let batch = 0; batch < 4; batch++) {
    const files = Array.from({ length: 500 }, (_, j) => {
      const i = batch * 500 + j + 1;
      return { name: `generated-${i}.txt`, data: Buffer.from(`${name(i)}\n\nBody of generated document number ${i}.\n`).toString('base64') };
    });
    const answer = await page.request.post(`${origin}/api/import.files`, { headers: apiHeaders(server.url), data: { files }, timeout: 120_000 });
    expect((await answer.json()).ok).toBe(true);
  }
  await page.reload();
  await expect(library.count).toHaveText('2,000 documents');
  await expect(library.table).toHaveAttribute('aria-rowcount', '2001');
  expect(await library.rows().count()).toBeLessThan(80);

  // How fast it sorts is for npm run bench; here, that it sorts.
  await library.sortBy('Title');
  await expect(library.documentLinks.first()).toHaveText(name(1));

  await library.table.evaluate((table) => table.parentElement!.scrollTo(0, table.parentElement!.scrollHeight));
  await expect(library.document(name(2000))).toBeVisible();
  expect(await library.rows().count()).toBeLessThan(80);
  await page.screenshot({ path: screenshotPath('library-2000-bottom'), fullPage: true });

  await library.sortBy('Title');
  await expect(library.columnHeader('Title')).toHaveAttribute('aria-sort', 'descending');
  await library.table.evaluate((table) => table.parentElement!.scrollTo(0, 0));
  await expect(library.documentLinks.first()).toHaveText(name(2000));
});
