import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, fixtureFile, screenshotPath, test } from './fixtures';
import { LibraryPage } from './models/library-page';
import { ReaderPage } from './models/reader-page';
import { ShellPage } from './models/shell-page';

const ADDRESS = 'New Year Address from the Harbour Institute of Marine Studies';

test('Chinese interface: import summary, failure toast, selection toolbar, popovers and the export dialog are in Chinese', async ({ page, server }) => {
  const library = new LibraryPage(page);
  const reader = new ReaderPage(page);
  const shell = new ShellPage(page);
  await page.goto(server.url);
  await shell.chooseLanguage('zh-CN');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: '文库' })).toBeVisible();
  await expect(page.getByRole('region', { name: '档案库是空的' })).toBeVisible();

  await page.locator('input[data-import="files"]').setInputFiles([fixtureFile('address-en.txt'), fixtureFile('pdf-not-a-pdf.pdf')]);
  const summary = page.getByRole('region', { name: '导入摘要' });
  await expect(summary.getByRole('status')).toHaveText('导入完成：已导入 1 个，重复 0 个，失败 1 个。');
  await expect(summary.getByRole('list', { name: '未导入的文件' })).toContainText('pdf-not-a-pdf.pdf');
  await expect(shell.errorToast('无法导入 pdf-not-a-pdf.pdf')).toContainText('请用创建它的程序打开');
  await page.screenshot({ path: '/tmp/zh-import-summary.png' });

  await library.document(ADDRESS).click();
  await expect(reader.article).toBeVisible();
  await reader.dragSelect('tidal laboratory');
  const toolbar = page.getByRole('toolbar', { name: '高亮所选文字' });
  await expect(toolbar.getByRole('button', { name: '用绿色高亮（重要）' })).toBeVisible();
  await expect(toolbar.getByRole('button', { name: '评论' })).toBeVisible();
  await expect(toolbar.getByRole('button', { name: '标注为机构（2）' })).toBeVisible();
  await toolbar.getByRole('button', { name: '用黄色高亮（高亮）' }).click();
  await expect(reader.markWithText('tidal laboratory')).toBeVisible();
  await reader.markWithText('tidal laboratory').click();
  const popover = page.getByRole('dialog', { name: '高亮' });
  await expect(popover.getByRole('button', { name: '删除高亮' })).toBeVisible();
  await expect(popover.getByRole('button', { name: '改为蓝色（待跟进）' })).toBeVisible();
  await page.keyboard.press('Escape');

  await reader.dragSelect('Mira Castellan');
  await page.keyboard.press('1');
  const mention = page.getByRole('article').locator('mark.mention[data-label="PERSON"]');
  await expect(mention).toHaveCount(1);
  await mention.click();
  const mentionPopover = page.getByRole('dialog', { name: '实体提及' });
  await expect(mentionPopover.getByRole('button', { name: '在本文档中全部标注' })).toBeVisible();
  await expect(mentionPopover.getByRole('button', { name: '改标为地点（3）' })).toBeVisible();
  await expect(mentionPopover).toContainText('人物');
  await page.screenshot({ path: '/tmp/zh-reader-popover.png' });
  await page.keyboard.press('Escape');

  await page.keyboard.press('Control+Shift+E');
  const dialog = page.getByRole('dialog', { name: '导出' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('group', { name: '格式' })).toBeVisible();
  await expect(dialog.getByRole('radio', { name: /提及 CSV/ })).toBeVisible();
  await expect(dialog.locator('.export-scope')).toHaveText(`导出 1 份文档：“${ADDRESS}”。`);
  await expect(dialog.getByRole('button', { name: '导出', exact: true })).toBeVisible();
  await page.screenshot({ path: '/tmp/zh-export-dialog.png' });
});

test('a failing import shows a toast naming the file and the fix; Alt+N reaches it and Escape dismisses it', async ({ page, server }) => {
  const library = new LibraryPage(page);
  const shell = new ShellPage(page);
  await library.open(server.url);
  await library.importFiles([fixtureFile('pdf-not-a-pdf.pdf')]);
  const toast = shell.errorToast('Could not import pdf-not-a-pdf.pdf');
  await expect(toast).toContainText('not a PDF file');
  await expect(toast).toContainText('Open it in the program that made it, save a new copy and import that.');
  expect(await shell.axeViolations('.toasts')).toEqual([]);

  // An error stays: it is still there after a non-error would have timed out (6 s), checked without sleeping by the clock.
  await page.clock.install();
  await page.clock.fastForward(10_000);
  await expect(toast).toBeVisible();

  await library.chooseFiles.focus();
  await page.keyboard.press('Alt+n');
  const dismiss = toast.getByRole('button', { name: 'Dismiss: Could not import pdf-not-a-pdf.pdf' });
  await expect(dismiss).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(toast).toHaveCount(0);
  // Focus goes back where it was before Alt+N.
  await expect(library.chooseFiles).toBeFocused();

  // Two failures, two toasts: Enter on the focused × dismisses one and moves to the next.
  await library.importFiles([fixtureFile('pdf-truncated.pdf')]);
  await library.importFiles([fixtureFile('docx-truncated.docx')]);
  await expect(shell.toasts.getByRole('alert')).toHaveCount(2);
  await page.keyboard.press('Alt+n');
  await page.keyboard.press('Enter');
  await expect(shell.toasts.getByRole('alert')).toHaveCount(1);
  await expect(shell.toasts.getByRole('button', { name: /^Dismiss: Could not import/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(shell.toasts.getByRole('alert')).toHaveCount(0);
});

test('an error toast that comes up under a modal dialog moves into it: readable, reached with Alt+N, dismissed with Escape, the dialog stays', async ({ page, server }) => {
  const library = new LibraryPage(page);
  const shell = new ShellPage(page);
  await library.open(server.url);
  await library.importFiles([fixtureFile('pdf-encrypted-user-password.pdf'), fixtureFile('pdf-not-a-pdf.pdf')]);
  await library.summary.getByRole('button', { name: 'Enter password…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Password for pdf-encrypted-user-password.pdf' });
  await expect(dialog).toBeVisible();

  // The modal makes the page inert; the toast is inside the dialog, so it is not.
  const toast = dialog.getByRole('alert').filter({ hasText: 'pdf-not-a-pdf.pdf' });
  await expect(toast).toBeVisible();
  await page.screenshot({ path: screenshotPath('toast-in-dialog') });
  await page.keyboard.press('Alt+n');
  await expect(toast.getByRole('button', { name: /^Dismiss: / })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(toast).toHaveCount(0);
  await expect(dialog).toBeVisible();

  // Once the dialog closes, toasts are back in the page.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await library.importFiles([fixtureFile('pdf-truncated.pdf')]);
  await expect(shell.errorToast('pdf-truncated.pdf')).toBeVisible();
});

test('the reading position comes back after a reload and when the document is opened again', async ({ page, server }, testInfo) => {
  // A long document imported and rendered three times: room for a machine under load.
  test.setTimeout(180_000);
  // 600 paragraphs: past the point where the reader virtualises its blocks.
  await mkdir(testInfo.outputDir, { recursive: true });
  const file = join(testInfo.outputDir, 'long-report.txt');
  const paragraphs = Array.from({ length: 600 }, (_, i) => `Paragraph ${i + 1}. ${'The harbour survey continued along the eastern shore. '.repeat(3 + (i % 4))}`);
  await writeFile(file, `Long Survey Report\n\n${paragraphs.join('\n\n')}\n`);
  const library = new LibraryPage(page);
  const reader = new ReaderPage(page);
  await library.open(server.url);
  await library.importFiles([file]);
  await library.document('Long Survey Report').click();
  await expect(reader.article).toBeVisible();

  const target = reader.article.getByText(/^Paragraph 321\. /);
  const topOf = () => target.evaluate((el) => Math.round(el.getBoundingClientRect().top));
  // Put paragraph 321 30 px above the window's top (still the first block in view): page down until the virtualiser renders it, then put it there
  // again until the rows measured late around it stop moving it.
  await page.evaluate(`(async () => {
    const find = () => [...document.querySelectorAll('article p')].find((p) => p.textContent.startsWith('Paragraph 321. '));
    for (let i = 0; i < 500 && !find(); i++) {
      window.scrollBy(0, window.innerHeight);
      await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    }
  })()`);
  await expect(async () => {
    await target.evaluate((el) => el.ownerDocument.defaultView?.scrollBy({ top: el.getBoundingClientRect().top + 30, behavior: 'instant' }));
    expect(await topOf()).toBe(-30);
  }).toPass({ intervals: [50, 100, 200] });
  const saved = () => page.evaluate(() => localStorage.getItem('marginalia.readingPositions') ?? '');
  await expect.poll(saved).toMatch(/"[^"]+",\d+,-30\]/);
  const docUrl = page.url();

  await page.reload();
  await expect(target).toBeVisible();
  await expect.poll(topOf).toBe(-30);

  // Back to the library with Alt+L (a click on the link would first scroll up to it), then the document again.
  await page.keyboard.press('Alt+l');
  await expect(library.heading).toBeVisible();
  await library.document('Long Survey Report').click();
  await expect(target).toBeVisible();
  await expect.poll(topOf).toBe(-30);
  expect(page.url()).toBe(docUrl);

  // The start of the document is remembered too (nothing to restore: it opens at the top).
  await page.evaluate('window.scrollTo(0, 0)');
  await expect.poll(saved).not.toMatch(/,-30\]/);
  await page.reload();
  await expect(reader.article.getByText(/^Paragraph 1\. /)).toBeVisible();
  expect(await page.evaluate<number>('window.scrollY')).toBe(0);
});
