import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { expect, fixtureFile, screenshotPath, test } from './fixtures';
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
