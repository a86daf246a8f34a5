import { join } from 'node:path';
import { expect, fixtureFile, ROOT, test } from './fixtures';
import { EntitiesPage } from './models/entities-page';
import { LibraryPage } from './models/library-page';
import { PageView } from './models/page-view';
import { ReaderPage } from './models/reader-page';

/** The README's pictures (docs/screenshots), made from real-looking fixtures at 1280×800. */
const shot = (name: string) => join(ROOT, 'docs', 'screenshots', `${name}.png`);
const ADDRESS = 'New Year Address from the Harbour Institute of Marine Studies';

test.use({ viewport: { width: 1280, height: 800 } });

test('README screenshots: library, reader, entities, reader in dark theme and Chinese', async ({ page, server }) => {
  test.setTimeout(90_000);
  const library = new LibraryPage(page);
  const reader = new ReaderPage(page);
  const entities = new EntitiesPage(page);
  await library.open(server.url);
  await library.importFiles([fixtureFile('address-en.txt'), fixtureFile('report-gb18030.txt'), fixtureFile('notice.md'), fixtureFile('html-gb2312.html'), fixtureFile('pdf-two-column.pdf')]);
  await library.summary.getByRole('button').last().click();
  await expect(library.summary).toBeHidden();
  await page.mouse.move(0, 0);
  await page.screenshot({ path: shot('library') });

  await library.document(ADDRESS).click();
  await expect(reader.article).toBeVisible();
  const addressId = reader.docId();
  await reader.highlight('tidal laboratory on the east quay');
  await reader.dragSelect('open atlas of coastal sediments');
  await page.keyboard.press('n');
  await expect(reader.commentEditor).toBeVisible();
  await reader.commentEditor.click();
  await page.keyboard.type('Cite this in the annual report.');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await reader.dragSelect('Harbour Institute of Marine Studies');
  await page.keyboard.press('2');
  await reader.dragSelect('Mira Castellan');
  await page.keyboard.press('1');
  await reader.dragSelect('east quay');
  await page.keyboard.press('3');
  await expect(entities.mentions()).toHaveCount(3);
  await page.evaluate('window.getSelection()?.removeAllRanges()');
  await page.keyboard.press('Escape');
  await page.evaluate('window.scrollTo(0, 0)');
  await page.mouse.move(0, 0);
  await page.waitForTimeout(1500); // the flash of the new marks fades
  await page.screenshot({ path: shot('reader') });

  // A Chinese document too, so the Entities view shows both scripts.
  await page.keyboard.press('Alt+l');
  await library.document('广州生物医药与健康研究院年度工作报告').click();
  await expect(reader.article).toBeVisible();
  await reader.dragSelect('广州生物医药与健康研究院');
  await page.keyboard.press('2');
  await expect(entities.mentions()).toHaveCount(1);
  await page.keyboard.press('Alt+e');
  await expect(entities.heading).toHaveText('Entities');
  await page.mouse.move(0, 0);
  await page.screenshot({ path: shot('entities') });

  await page.evaluate(() => localStorage.setItem('marginalia.preferences', JSON.stringify({ theme: 'dark', language: 'zh-CN', keys: {} })));
  await page.goto(`${new URL(server.url).origin}/#/doc/${addressId}`);
  await page.reload();
  await expect(reader.article).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.mouse.move(0, 0);
  await page.waitForTimeout(500);
  await page.screenshot({ path: shot('reader-dark-zh') });
});

test('README screenshot: a PDF as its pages, with a highlight, an entity and an area', async ({ page, server }) => {
  const library = new LibraryPage(page);
  await library.open(server.url);
  await library.importFiles([fixtureFile('pdf-two-column.pdf')]);
  await library.documentLinks.first().click();
  const pages = new PageView(page);
  await pages.ready(1);
  await pages.dragSelect(1, 'reading order of');
  await page.keyboard.press('h');
  await pages.dragSelect(1, 'archive');
  await page.keyboard.press('2');
  await pages.drawArea(1, [0.25, 0.05], [0.8, 0.11]);
  await page.getByRole('toolbar', { name: 'Mark the area' }).getByRole('button', { name: /^Highlight blue/ }).click();
  await pages.areaButton.click();
  await expect(pages.marks).toHaveCount(3);
  await page.evaluate('window.getSelection()?.removeAllRanges()');
  await page.evaluate('window.scrollTo(0, 0)');
  await page.mouse.move(0, 0);
  await page.waitForTimeout(1500); // the flash of the new marks fades
  await page.screenshot({ path: shot('pages') });
});
