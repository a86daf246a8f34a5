import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, fixtureFile, ROOT, startServer, stopServer, test } from './fixtures';
import { EntitiesPage } from './models/entities-page';
import { LibraryPage } from './models/library-page';
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

test('README screenshot: the Repairs view after files were damaged between two sessions', async ({ page }) => {
  const dir = await mkdtemp(join(tmpdir(), 'marginalia-e2e-shots-'));
  const library = new LibraryPage(page);
  const reader = new ReaderPage(page);
  let id = '';
  try {
    let serve = await startServer(dir);
    try {
      await library.open(serve.url);
      await library.importFiles([fixtureFile('address-en.txt')]);
      await library.document(ADDRESS).click();
      await expect(reader.article).toBeVisible();
      id = reader.docId();
      await reader.highlight('tidal laboratory on the east quay');
      await expect.poll(async () => readFile(join(dir, 'docs', id, 'annotations.json'), 'utf8').catch(() => '')).toContain('east quay');
    } finally {
      await stopServer(serve.child);
    }
    await writeFile(join(dir, 'docs', id, 'annotations.json'), new Uint8Array(300));
    await writeFile(join(dir, 'docs', id, 'blocks.json'), '[{"kind":"paragraph","start":0,"end":12}]');
    serve = await startServer(dir);
    try {
      await library.open(serve.url);
      await library.document(ADDRESS).click();
      await expect(reader.article).toBeVisible();
      const notices = page.locator('.toasts').getByRole('alert');
      await expect(notices).toHaveCount(2);
      await notices.first().getByRole('button').click();
      await notices.first().getByRole('button').click();
      await expect(notices).toHaveCount(0);
      await page.goto(`${new URL(serve.url).origin}/#/repairs`);
      await expect(page.getByRole('list', { name: 'Repairs, newest first' }).getByRole('listitem')).toHaveCount(2);
      await page.mouse.move(0, 0);
      await page.screenshot({ path: shot('repairs') });
    } finally {
      await stopServer(serve.child);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
