import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanTiff } from '../src/main/core/test-support/scan-fixture';
import { expect, screenshotPath, test } from './fixtures';
import { LibraryPage } from './models/library-page';
import { PageView } from './models/page-view';
import { ReaderPage } from './models/reader-page';

const FIRST = ['Report of the records office for the year.', 'The reading room opened on Saturdays.'];
const SECOND = ['Second page of the report.', 'Visitors consulted four hundred boxes.'];

test('a TIFF scan imports as a document of two pages, is read by OCR, and a highlight on its second page survives a reload', async ({ page, server }) => {
  test.setTimeout(240_000);
  const dir = await mkdtemp(join(tmpdir(), 'marginalia-e2e-image-'));
  const file = join(dir, 'records-report.tiff');
  await writeFile(file, scanTiff([FIRST, SECOND]));
  const library = new LibraryPage(page);
  const reader = new ReaderPage(page);
  await library.open(server.url);
  await library.importFiles([file]);
  await expect(library.documentLinks).toHaveCount(1);
  await library.documentLinks.first().click();
  const pages = new PageView(page);
  // The image's frames are the pages; OCR's words arrive in their text layers.
  await expect(pages.pageBox(2)).toBeAttached();
  await pages.pageBox(2).scrollIntoViewIfNeeded();
  await expect(pages.pageBox(2).locator('.textLayer span[data-item]').first()).toBeAttached({ timeout: 180_000 });
  // A copy of words on the scan keeps the spaces between them (the layer's word boxes have none).
  await pages.dragSelect(2, 'Visitorsconsultedfour');
  // (A string: e2e code is typed without the DOM.)
  const copied = await page.evaluate(`(() => {
    const clipboardData = new DataTransfer();
    document.getSelection().anchorNode.parentElement.dispatchEvent(new ClipboardEvent('copy', { clipboardData, bubbles: true, cancelable: true }));
    return clipboardData.getData('text/plain');
  })()`);
  expect(copied).toBe('Visitors consulted four');
  await page.evaluate('document.getSelection().removeAllRanges()');
  await pages.dragSelect(2, 'Visitors');
  await page.keyboard.press('h');
  await expect(pages.marksOn(2)).toHaveCount(1);
  await expect(reader.sidebarItems.first()).toContainText('Visitors');
  await expect(reader.sidebarItems.first()).toContainText('p. 2');
  await page.screenshot({ path: screenshotPath('image-scan-page') });

  await pages.expectMarkAfterReload(2, 'Visitors');
});
