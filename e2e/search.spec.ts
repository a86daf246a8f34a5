import { expect, fixtureFile, screenshotPath, test } from './fixtures';
import { LibraryPage } from './models/library-page';
import { SearchPanel } from './models/search-panel';

const ENGLISH = fixtureFile('address-en.txt');
const MARKDOWN = fixtureFile('notice.md');
const CHINESE = fixtureFile('report-gb18030.txt');
const CHINESE_TITLE = '广州生物医药与健康研究院年度工作报告';

test.beforeEach(async ({ page, server }) => {
  const library = new LibraryPage(page);
  await library.open(server.url);
  await library.importFiles([ENGLISH, MARKDOWN, CHINESE]);
  await expect(library.documentLinks).toHaveCount(3);
});

test('finds an English and a Chinese word, marks the hits and opens a result with the query', async ({ page }) => {
  const search = new SearchPanel(page);

  // `/` focuses the search box from anywhere that is not a text field.
  await page.getByRole('heading', { name: 'Library', level: 1 }).click();
  await page.keyboard.press('/');
  await expect(search.box).toBeFocused();

  await search.search('laboratory');
  await expect(search.count).toHaveText('1 result for “laboratory”');
  await expect(search.resultLinks).toHaveCount(1);
  await expect(search.marks.first()).toHaveText(/^laboratory$/i);

  await search.search('研究院');
  await expect(search.resultLinks).toHaveText([CHINESE_TITLE]);
  await expect(search.marks.filter({ hasText: '研究院' }).first()).toBeVisible();
  await page.screenshot({ path: screenshotPath('search-chinese'), fullPage: true });

  await search.result(CHINESE_TITLE).click();
  await expect(page).toHaveURL(/#\/doc\/[a-z0-9]+\?q=%E7%A0%94%E7%A9%B6%E9%99%A2$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(CHINESE_TITLE);
});

test('phrase, prefix, exclusion and OR queries', async ({ page }) => {
  const search = new SearchPanel(page);

  await search.search('"tidal laboratory"');
  await expect(search.resultLinks).toHaveCount(1);
  await expect(search.marks.first()).toHaveText(/tidal laboratory/i);

  await search.search('"laboratory tidal"');
  await expect(search.results).toContainText('No documents match “"laboratory tidal"”');

  await search.search('sedim*');
  await expect(search.resultLinks).toHaveCount(1);
  await expect(search.marks.first()).toHaveText(/^sediments$/i);

  await search.search('open');
  await expect(search.resultLinks).toHaveCount(2);
  await search.search('open -badge');
  await expect(search.resultLinks).toHaveCount(1);
  await search.search('badge OR sediments');
  await expect(search.resultLinks).toHaveCount(2);
  await page.screenshot({ path: screenshotPath('search-or'), fullPage: true });
});

test('the type chips filter results; a saved search brings back its query and filters', async ({ page }) => {
  const library = new LibraryPage(page);
  const search = new SearchPanel(page);

  await search.search('open');
  await expect(search.resultLinks).toHaveCount(2);
  await library.filterChip('Type', 'Markdown').click();
  await expect(library.filterChip('Type', 'Markdown')).toHaveAttribute('aria-pressed', 'true');
  await expect(search.resultLinks).toHaveCount(1);
  await expect(search.resultLinks).toHaveText(['Notice: Library Opening Hours']);
  await expect(search.count).toContainText('(filtered)');

  await search.save('Open notices');
  await page.screenshot({ path: screenshotPath('search-saved'), fullPage: true });

  // Back to the whole library: no query, no chips.
  await search.box.fill('');
  await library.filters.getByRole('button', { name: 'Clear filters' }).click();
  await expect(library.documentLinks).toHaveCount(3);

  await search.savedSearch('Open notices').click();
  await expect(search.box).toHaveValue('open');
  await expect(library.filterChip('Type', 'Markdown')).toHaveAttribute('aria-pressed', 'true');
  await expect(search.resultLinks).toHaveText(['Notice: Library Opening Hours']);

  // Saved searches live in the archive: a reload keeps them.
  await page.reload();
  await expect(search.savedSearch('Open notices')).toBeVisible();
});
