import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, fixtureFile, screenshotPath, test } from './fixtures';
import { LibraryPage } from './models/library-page';
import { ReaderPage } from './models/reader-page';

const ENGLISH = fixtureFile('address-en.txt');

test('Ctrl+F finds every hit with a count, next and previous; #/doc/<id>?q= opens it pre-filled', async ({ page, server }) => {
  const library = new LibraryPage(page);
  const reader = new ReaderPage(page);
  await library.open(server.url);
  await library.importFiles([ENGLISH]);
  await library.documentLinks.first().click();
  await expect(reader.article).toBeVisible();

  await page.keyboard.press('Control+f');
  await expect(reader.findInput).toBeFocused();
  await reader.findInput.fill('year');
  await expect(reader.findCount).toHaveText(/^1 of [2-9]$/);
  const total = Number((await reader.findCount.innerText()).split(' of ')[1]);
  const hits = reader.article.locator('mark.find-hit');
  await expect(hits).toHaveCount(total);
  await expect(reader.article.locator('mark.find-current')).toHaveCount(1);
  await expect(hits.first()).toHaveClass(/find-current/);

  await reader.findInput.press('Enter');
  await expect(reader.findCount).toHaveText(`2 of ${total}`);
  await expect(hits.nth(1)).toHaveClass(/find-current/);
  await reader.findInput.press('Shift+Enter');
  await reader.findInput.press('Shift+Enter');
  await expect(reader.findCount).toHaveText(`${total} of ${total}`);
  await page.getByRole('button', { name: 'Next match' }).click();
  await expect(reader.findCount).toHaveText(`1 of ${total}`);
  await page.screenshot({ path: screenshotPath('reader-find') });

  await reader.findInput.press('Escape');
  await expect(reader.findInput).toBeHidden();
  await expect(hits).toHaveCount(0);

  // The library's search results link here with the query.
  const docId = reader.docId();
  await page.goto(`${new URL(server.url).origin}/#/doc/${docId}?q=${encodeURIComponent('"tidal laboratory"')}`);
  await expect(reader.findInput).toHaveValue('"tidal laboratory"');
  await expect(reader.findCount).toHaveText('1 of 1');
  await expect(reader.article.locator('mark.find-current')).toHaveText('tidal laboratory');
});

/** ~2 MB of plain text in paragraphs, each one numbered so that the end is recognisable. */
function longText(): string {
  const sentence = 'The committee reviewed the harbour records and the tidal measurements of the season in detail. ';
  const paragraphs: string[] = ['A very long report'];
  for (let i = 1; paragraphs.join('\n\n').length < 2_000_000 && i < 100_000; i++) {
    paragraphs.push(`Paragraph ${i}. ${sentence.repeat(2 + (i % 3))}`.trim());
  }
  paragraphs.push('The final words of the report close the archive of the season.');
  return paragraphs.join('\n\n') + '\n';
}

// How fast it opens is measured by npm run bench (reader.open_2mb_ms); a test asserts no duration.
test('a 2 MB document opens, renders only what is near the viewport, and highlights at its end', async ({ page, server }) => {
  test.setTimeout(360_000);
  const dir = await mkdtemp(join(tmpdir(), 'marginalia-long-'));
  const file = join(dir, 'long-report.txt');
  await writeFile(file, longText());
  const library = new LibraryPage(page);
  const reader = new ReaderPage(page);
  await library.open(server.url);
  await library.importFiles([file]);

  await library.documentLinks.first().click();
  await expect(reader.article.getByText(/^Paragraph 1\. /)).toBeVisible({ timeout: 60_000 });
  // Virtualised: a few dozen blocks in the DOM, not thousands.
  expect(await reader.article.locator('[data-start]').count()).toBeLessThan(200);

  // Scroll to the end the way a user does, in big steps of the wheel.
  await page.mouse.move(400, 400);
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('End');
    await page.waitForTimeout(200);
  }
  await expect(reader.article.getByText(/^The final words/)).toBeVisible();
  const mark = await reader.highlight('close the archive');
  await expect(mark).toHaveCount(1);
  await page.screenshot({ path: screenshotPath('reader-long-end') });

  // From the sidebar back to it after scrolling to the top: its block is brought into range first.
  await page.keyboard.press('Home');
  await expect(reader.markWithText('close the archive')).toHaveCount(0);
  await reader.sidebarItems.first().click();
  await expect(reader.markWithText('close the archive')).toBeInViewport();

  // Find jumps across the virtualised blocks.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+f');
  await reader.findInput.fill('"final words"');
  await expect(reader.findCount).toHaveText('1 of 1');
  await expect(reader.article.locator('mark.find-current')).toBeInViewport();
});
