import { expect, fixtureFile, screenshotPath, test } from './fixtures';
import { LibraryPage } from './models/library-page';

test('a PDF opens as its pages', async ({ page, server }) => {
  const errors: string[] = [];
  page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  const library = new LibraryPage(page);
  await library.open(server.url);
  await library.importFiles([fixtureFile('pdf-two-column.pdf'), fixtureFile('pdf-chinese.pdf')]);
  await library.documentLinks.first().click();
  const pages = page.getByRole('region', { name: 'Pages' });
  await expect(pages.locator('.page canvas').first()).toBeVisible();
  await expect(pages.locator('.textLayer span[data-item]').first()).toBeAttached();
  await page.screenshot({ path: screenshotPath('pages-explore'), fullPage: true });
  console.log(errors.join('\n'));
});
