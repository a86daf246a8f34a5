import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanImage, scanPdf } from '../src/main/core/test-support/scan-fixture';
import { expect, screenshotPath, test } from './fixtures';
import { LibraryPage } from './models/library-page';
import { PageView } from './models/page-view';
import { ReaderPage } from './models/reader-page';

const LINES = ['Minutes of the archive committee meeting.', 'The committee approved the digitisation budget.'];

test('a scan is read by OCR in the background; its words are selectable on the page, and a highlight on them survives a reload', async ({ page, server }) => {
  test.setTimeout(240_000);
  const dir = await mkdtemp(join(tmpdir(), 'marginalia-e2e-scan-'));
  const file = join(dir, 'minutes-scan.pdf');
  await writeFile(file, scanPdf([scanImage(LINES)]));
  const library = new LibraryPage(page);
  const reader = new ReaderPage(page);
  await library.open(server.url);
  await library.importFiles([file]);
  // Listed at once; the OCR progress shows while the page is read.
  await expect(library.documentLinks).toHaveCount(1);
  await library.documentLinks.first().click();
  const pages = new PageView(page);
  // The text arrives when OCR is done: the words are then in the page's text layer.
  await expect(pages.pageBox(1).locator('.textLayer span[data-item]').first()).toBeAttached({ timeout: 180_000 });
  await pages.dragSelect(1, 'digitisation');
  await page.keyboard.press('h');
  await expect(pages.marksOn(1)).toHaveCount(1);
  await expect(reader.sidebarItems.first()).toContainText('digitisation');
  await page.screenshot({ path: screenshotPath('ocr-scan-page') });

  await pages.expectMarkAfterReload(1, 'digitisation');
});
