import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleEpub } from '../src/main/core/test-support/sample-epub';
import { expect, fixtureFile, screenshotPath, test } from './fixtures';
import { LibraryPage } from './models/library-page';
import { ReaderPage } from './models/reader-page';

test('an EPUB imported through the file picker opens with its chapters as headings', async ({ page, server }) => {
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-e2e-epub-'));
  const file = join(dir, 'handbook.epub');
  writeFileSync(file, await sampleEpub());
  const library = new LibraryPage(page);
  await library.open(server.url);
  await library.importFiles([file]);
  await expect(library.summary).toContainText('1 imported, 0 duplicates, 0 failed.');
  await library.document('Records Management Handbook').click();

  const reader = new ReaderPage(page);
  await expect(reader.title).toHaveText('Records Management Handbook');
  await expect(reader.article.getByRole('heading')).toHaveText(['Chapter 1. Scope', 'Chapter 2. Retention']);
  await expect(reader.article).toContainText('1. Paper records');
  await expect(reader.article).toContainText('记录保存十年。');
  await expect(reader.article).not.toContainText('alert');
  await page.screenshot({ path: screenshotPath('import-epub-chapters'), fullPage: true });
});

test("a reviewed Word draft opens with its reviewers' comments as highlights, with author and date", async ({ page, server }) => {
  const library = new LibraryPage(page);
  await library.open(server.url);
  await library.importFiles([fixtureFile('docx-comments.docx')]);
  await expect(library.summary).toContainText('1 imported');
  await library.document('Draft budget notice').click();

  const reader = new ReaderPage(page);
  await expect(reader.marks.first()).toBeVisible();
  await expect(reader.sidebarItems).toHaveCount(3);
  await expect(reader.sidebarItems.first()).toContainText('rose by ten percent');
  await expect(reader.sidebarItems.first()).toContainText('Which budget line?');
  await expect(reader.sidebarItems.first()).toContainText('Li Wei, 2025-03-01 (from the file)');
  await expect(reader.sidebarItems.nth(1)).toContainText('Anna Berg, 2025-03-02 (from the file)');
  await page.screenshot({ path: screenshotPath('import-docx-comments'), fullPage: true });
});
