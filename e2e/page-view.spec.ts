import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makePdf } from '../bench/lib/pdf-writer';
import { expect, fixtureFile, screenshotPath, test } from './fixtures';
import { ExportDialog, unzipText } from './models/export-dialog';
import { LibraryPage } from './models/library-page';
import { PageView } from './models/page-view';
import { ReaderPage } from './models/reader-page';

const PHRASE = 'reading order of';

test('a highlight made on page 2 of a two-column PDF shows on the page and in the text; an area too; both survive a reload', async ({ page, server }) => {
  const library = new LibraryPage(page);
  await library.open(server.url);
  await library.importFiles([fixtureFile('pdf-two-column.pdf')]);
  await library.documentLinks.first().click();
  const pages = new PageView(page);
  const reader = new ReaderPage(page);
  await pages.ready(1);
  await expect(pages.pageField).toHaveValue('1');

  // Page 2 (the same layout as page 1): select a phrase in the right column with the mouse, press h.
  await pages.goToPage(2);
  await pages.dragSelect(2, PHRASE);
  await page.keyboard.press('h');
  await expect(pages.marksOn(2)).toHaveCount(1);
  await expect(pages.marksOn(1)).toHaveCount(0);
  const id = await pages.marksOn(2).first().getAttribute('data-annotation-id');
  await expect(reader.sidebarItems.first()).toContainText('p. 2');
  await expect(reader.sidebarItems.first()).toContainText(PHRASE);

  // A click on the highlight on the page opens the same popover as in the text: recolour it.
  // (The boxes let the mouse through to the text layer, so click where the box is, as a user does.)
  const markBox = (await pages.marksOn(2).first().boundingBox())!;
  await page.mouse.click(markBox.x + markBox.width / 2, markBox.y + markBox.height / 2);
  await expect(reader.popover).toBeVisible();
  await reader.popover.getByRole('button', { name: /^Colour pink/ }).click();
  await expect(pages.marksOn(2).first()).toHaveClass(/hl-pink/);
  await page.keyboard.press('Escape');
  await expect(reader.popover).toBeHidden();

  // An area over the title of page 2, coloured green.
  await pages.drawArea(2, [0.25, 0.05], [0.8, 0.11]);
  const areaBar = page.getByRole('toolbar', { name: 'Mark the area' });
  await expect(areaBar).toBeVisible();
  await areaBar.getByRole('button', { name: /^Highlight green/ }).click();
  const area = pages.pageBox(2).locator('mark[data-area]');
  await expect(area).toHaveCount(1);
  await expect(area).toHaveClass(/hl-green/);
  await expect(reader.sidebarItems).toHaveCount(2);
  await expect(reader.sidebarList.getByRole('img', { name: 'Area on p. 2' })).toBeVisible();
  await page.screenshot({ path: screenshotPath('pages-highlight-area'), fullPage: true });
  await pages.areaButton.click();

  // Undo in the page view takes the area away from the page and the sidebar; redo brings it back.
  await page.keyboard.press('Control+z');
  await expect(pages.pageBox(2).locator('mark[data-area]')).toHaveCount(0);
  await expect(reader.sidebarItems).toHaveCount(1);
  await page.keyboard.press('Control+Shift+z');
  await expect(pages.pageBox(2).locator('mark[data-area]')).toHaveCount(1);

  // The text view: the highlight stands on the same words — the second occurrence, page 2's.
  await page.keyboard.press('p');
  await expect(reader.article).toBeVisible();
  const mark = reader.article.locator(`mark[data-annotation-id="${id}"]`);
  await expect(mark).toHaveText(PHRASE);
  const offsets = await page.evaluate(async (docId) => {
    // The API wants the run's token in a header (a cookie alone is not enough): the page keeps it in sessionStorage.
    const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${sessionStorage.getItem('marginalia.apiToken')}` };
    const answer = await fetch('/api/annotations.list', { method: 'POST', headers, body: JSON.stringify({ docId }) });
    return ((await answer.json()) as { value: { kind: string; target: { start: number; quote: string }; geometry?: unknown[] }[] }).value;
  }, reader.docId());
  const text = await page.evaluate(async (id) => {
    const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${sessionStorage.getItem('marginalia.apiToken')}` };
    const answer = await fetch('/api/document.get', { method: 'POST', headers, body: JSON.stringify({ id }) });
    return ((await answer.json()) as { value: { text: string } }).value.text;
  }, reader.docId());
  const highlight = offsets.find((a) => a.kind === 'highlight')!;
  expect(highlight.target.quote).toBe(PHRASE);
  expect(highlight.target.start).toBe(text.lastIndexOf(PHRASE));
  expect(highlight.geometry).toHaveLength(1);
  const stored = offsets.find((a) => a.kind === 'area')!;
  expect(stored.target.quote).toContain('Two Columns');

  // Back to the pages; reload: all there, at the page the reader was on.
  await page.keyboard.press('p');
  await pages.goToPage(2);
  await page.reload();
  await pages.ready(2);
  await expect(pages.pageField).toHaveValue('2');
  await expect(pages.marksOn(2)).toHaveCount(2);
  await expect(pages.pageBox(2).locator('mark[data-area]')).toHaveCount(1);

  // Markdown export cites the page after the quote (with the area's picture, the export is a zip).
  await page.locator('.doc-header').getByRole('button', { name: 'Export…' }).click();
  const { download, bytes } = await new ExportDialog(page).export('Markdown');
  const markdown = download.suggestedFilename().endsWith('.zip') ? [...(await unzipText(bytes)).entries()].find(([name]) => name.endsWith('.md'))![1] : bytes.toString('utf8');
  expect(markdown).toMatch(new RegExp(`> ${PHRASE}\\n+p\\. 2 · `));
});

test('an entity tagged on a Chinese PDF page with a number key shows on the page and in the text', async ({ page, server }) => {
  const library = new LibraryPage(page);
  await library.open(server.url);
  await library.importFiles([fixtureFile('pdf-chinese.pdf')]);
  await library.documentLinks.first().click();
  const pages = new PageView(page);
  const reader = new ReaderPage(page);
  await pages.ready(1);
  await pages.dragSelect(1, '读书俱乐部');
  await page.keyboard.press('1');
  // One mention, drawn as one box per line: the name runs over a line end on the page.
  const mention = pages.marksOn(1).and(page.locator('[data-label]'));
  await expect(mention).toHaveCount(2);
  expect(new Set(await mention.evaluateAll((marks) => marks.map((m) => m.getAttribute('data-annotation-id'))))).toHaveProperty('size', 1);
  await page.screenshot({ path: screenshotPath('pages-chinese-entity'), fullPage: true });
  await page.reload();
  await pages.ready(1);
  await expect(pages.marksOn(1).and(page.locator('[data-label]'))).toHaveCount(2);
  // Ctrl+F finds Chinese across the line end, as search does, and draws the hit on the page.
  await page.keyboard.press('Control+f');
  await reader.findInput.fill('读书俱乐部');
  await reader.findInput.press('Enter');
  await expect(reader.findCount).toContainText('1 of');
  await expect(pages.pageBox(1).locator('mark.page-find.find-current')).toHaveCount(2);
  await page.keyboard.press('Escape');
  await pages.region.locator('.page-scroller').focus();
  await page.keyboard.press('p');
  await expect(reader.article.locator('mark[data-label]')).toHaveText('读书俱乐部');
});

test('a long PDF read by byte ranges: the outline goes to its chapters, Ctrl+F finds on the pages, Ctrl+= zooms, p keeps the place', async ({ page, server }) => {
  const dir = await mkdtemp(join(tmpdir(), 'marginalia-pages-'));
  const file = join(dir, 'harbour-report.pdf');
  const chapters = ['Summary', 'Tides and currents', 'Dredging plan', 'Budget', 'Outlook'];
  // Each chapter fills two pages (48 lines each; a paragraph is its line and a blank one), so chapter c starts on page 2c + 1.
  const padded = chapters.flatMap((chapter, c) => {
    const own = [`Chapter ${c + 1}. ${chapter}`, ...Array.from({ length: 14 }, (_, i) => `Paragraph ${i + 1} of chapter ${c + 1} reports on the harbour works.`)];
    if (c === 1 || c === 3) own.push('The sluice gate replacement is the largest single item.');
    return [...own, ...Array.from({ length: 96 - own.length * 2 }, () => '')];
  });
  // 3 MB of images nobody refers to before the pages: larger than what the page view reads whole (2 MB).
  const pdf = makePdf(padded, 48, 90, chapters.map((title, c) => ({ title: `${c + 1}. ${title}`, page: c * 2 + 1 })), 3 * 1024 * 1024);
  await writeFile(file, pdf);
  const ranges: { status: number; bytes: number }[] = [];
  page.on('response', (response) => {
    if (!response.url().includes('/original/')) return;
    void response.body().then((body) => ranges.push({ status: response.status(), bytes: body.length }));
  });

  const library = new LibraryPage(page);
  await library.open(server.url);
  await library.importFiles([file]);
  await library.documentLinks.first().click();
  const pages = new PageView(page);
  const reader = new ReaderPage(page);
  await pages.ready(1);
  await expect(pages.region.getByText('of 10')).toBeVisible();
  // The pages came from parts of the file (206), never the whole of it.
  expect(ranges.length).toBeGreaterThan(1);
  expect(ranges.every((r) => r.status === 206)).toBe(true);
  expect(ranges.reduce((n, r) => n + r.bytes, 0)).toBeLessThan(pdf.length);

  await pages.outlineButton.click();
  const outline = page.getByRole('navigation', { name: 'Outline' });
  await outline.getByRole('button', { name: '4. Budget' }).click();
  await expect(pages.pageField).toHaveValue('7');
  await pages.ready(7);
  await page.screenshot({ path: screenshotPath('pages-outline'), fullPage: true });

  // Find: the hit is drawn on its page, and the view goes there.
  await page.keyboard.press('Control+f');
  await reader.findInput.fill('sluice');
  await reader.findInput.press('Enter');
  await expect(reader.findCount).toContainText('of 2');
  // Next and previous go from page to page; the current hit is drawn as such on its page.
  await reader.findInput.press('Enter');
  const current = pages.region.locator('mark.page-find.find-current');
  await expect(current).toHaveCount(1);
  const pageOf = () => current.evaluate((m) => m.closest('.page')!.getAttribute('data-page-number'));
  const first = await pageOf();
  await reader.findInput.press('Shift+Enter');
  await expect.poll(pageOf).not.toBe(first);
  expect([first, await pageOf()].sort()).toEqual(['3', '7']);
  await page.keyboard.press('Escape');
  await pages.goToPage(7);
  await pages.ready(7);

  const zoom = pages.region.locator('.page-zoom');
  const before = await zoom.textContent();
  await pages.region.locator('.page-scroller').focus();
  await page.keyboard.press('Control+=');
  await expect(zoom).not.toHaveText(before!);
  await pages.region.getByRole('button', { name: 'Fit page' }).click();

  // p: the text view opens at the page the reader was on (chapter 4), and back.
  await page.keyboard.press('p');
  await expect(reader.article).toBeVisible();
  await expect(reader.article.getByText('Chapter 4. Budget')).toBeInViewport();
  await page.keyboard.press('p');
  await pages.ready(7);
  await expect(pages.pageField).toHaveValue('7');
});

test('a scan without text shows its page, and an area can be marked on it', async ({ page, server }) => {
  const library = new LibraryPage(page);
  await library.open(server.url);
  await library.importFiles([fixtureFile('pdf-no-text.pdf')]);
  await library.documentLinks.first().click();
  const pages = new PageView(page);
  const reader = new ReaderPage(page);
  await expect(pages.pageBox(1).locator('canvas')).toBeVisible();
  await pages.drawArea(1, [0.3, 0.3], [0.6, 0.5]);
  await page.keyboard.press('h');
  await expect(pages.pageBox(1).locator('mark[data-area]')).toHaveCount(1);
  await expect(reader.sidebarItems.first()).toContainText('p. 1');
  await page.reload();
  await expect(pages.pageBox(1).locator('mark[data-area]')).toHaveCount(1);
});
