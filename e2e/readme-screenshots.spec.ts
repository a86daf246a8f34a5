import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiHeaders, expect, fixtureFile, ROOT, startServer, stopServer, test } from './fixtures';
import { EntitiesPage } from './models/entities-page';
import { LibraryPage } from './models/library-page';
import { PageView } from './models/page-view';
import { ReaderPage } from './models/reader-page';
import { importLayers, openRelationReview, ReviewPage } from './models/review-page';

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
  // Each mention is stored and drawn before the next drag: a redraw during a drag moves the text under the mouse.
  await expect(entities.mentions()).toHaveCount(1);
  await reader.dragSelect('Mira Castellan');
  await page.keyboard.press('1');
  await expect(entities.mentions()).toHaveCount(2);
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

test('README screenshot: the trash', async ({ page, server }) => {
  const library = new LibraryPage(page);
  const reader = new ReaderPage(page);
  await library.open(server.url);
  await library.importFiles([fixtureFile('address-en.txt'), fixtureFile('report-gb18030.txt'), fixtureFile('notice.md'), fixtureFile('html-gb2312.html')]);
  await library.document(ADDRESS).click();
  await reader.highlight('tidal laboratory on the east quay');
  await page.keyboard.press('Alt+l');
  await library.selectBox(ADDRESS).check();
  await library.selectBox('广州生物医药与健康研究院年度工作报告').check();
  await page.mouse.click(5, 5);
  await page.keyboard.press('Delete');
  await expect(library.documentLinks).toHaveCount(2);
  await library.sidebar.getByRole('link', { name: 'Trash (2)' }).click();
  await expect(page.getByRole('table').getByRole('rowheader')).toHaveCount(2);
  await page.mouse.move(0, 0);
  await page.screenshot({ path: shot('trash') });
});

test('README screenshots: Chinese suggestions with their sources, relations as arcs', async ({ page, server }) => {
  test.setTimeout(90_000);
  const { mkdtemp, writeFile } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const dir = await mkdtemp(join(tmpdir(), 'marginalia-readme-'));
  const title = '研究院召开年度工作总结会';
  const file = join(dir, 'zh-report.txt');
  await writeFile(
    file,
    [
      title,
      '',
      '2024年1月15日，中国科学院广州生物医药与健康研究院在广州市黄埔区召开年度工作总结会。院长周冲作工作报告，党委书记林坚主持会议。',
      '',
      '广东省科学技术厅副厅长王晓东出席会议。研究院全年到位科研经费5.6亿元，比上年增长12.5%。百奥泰生物制药股份有限公司副总经理李海峰介绍了合作进展。',
      '',
    ].join('\n'),
  );
  const library = new LibraryPage(page);
  const reader = new ReaderPage(page);
  const entities = new EntitiesPage(page);
  await library.open(server.url);
  await library.importFiles([file]);
  await library.document(title).click();
  await expect(reader.article).toBeVisible();
  await page.keyboard.press('s');
  await expect(entities.suggestionStatus).toContainText(/\d+ suggestions/);
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await expect(entities.suggestionStatus).toContainText('中国科学院广州生物医药与健康研究院');
  await page.screenshot({ path: shot('zh-suggestions') });

  // Accept every suggestion (Enter moves on to the next), then relate the people to their organisations.
  const count = Number(/(\d+) of (\d+)/.exec(await entities.suggestionStatus.innerText())?.[2] ?? 0);
  for (let i = 0; i < count; i++) {
    await page.keyboard.press('Enter');
    await expect(entities.suggestionStatus).not.toContainText(`of ${count - i}`);
  }
  await page.keyboard.press('s');
  // Each relation is drawn before the next is begun, as in relations.spec.ts (a click on the next
  // mention while the last relation was still being saved once opened no popover, under load).
  const arcs = page.locator('svg.relation-arcs g[data-relation-id]');
  const bar = page.getByRole('region', { name: 'Relation' });
  const pairs = [['周冲', '中国科学院广州生物医药与健康研究院', 1], ['李海峰', '百奥泰生物制药股份有限公司', 1], ['王晓东', '广东省科学技术厅', 1]] as const;
  for (const [i, [person, org, n]] of pairs.entries()) {
    await entities.mentionWithText(person).click();
    await entities.mentionPopover.getByRole('button', { name: 'Relate to… (r)' }).click();
    await entities.mentionWithText(org).click();
    await expect(bar.getByRole('status')).toContainText(`“${person}” → “${org}”`);
    await page.keyboard.press(String(n));
    await expect(arcs).toHaveCount(i + 1);
  }
  await page.mouse.move(0, 0);
  await page.screenshot({ path: shot('relations') });
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
    const metaFile = join(dir, 'docs', id, 'meta.json');
    await writeFile(metaFile, JSON.stringify({ ...JSON.parse(await readFile(metaFile, 'utf8')), blocks: [{ kind: 'paragraph', start: 0, end: 12 }] }));
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

test('README screenshot: a reviewer compares two annotators’ layers and curates gold', async ({ page, server }) => {
  const library = new LibraryPage(page);
  await library.open(server.url);
  await library.importFiles([fixtureFile('address-en.txt')]);
  const href = await library.documentLinks.first().getAttribute('href');
  const id = /#\/doc\/([a-z0-9]+)/.exec(href ?? '')![1]!;
  await importLayers(
    page,
    server.url,
    id,
    {
      alice: [['Harbour Institute of Marine Studies', 'ORG'], ['east quay', 'LOCATION'], ['Mira Castellan', 'PERSON'], ['schools of the region', 'ORG']],
      bob: [['Institute of Marine Studies', 'ORG'], ['east quay', 'ORG'], ['Mira Castellan', 'PERSON'], ['January 1, 2025', 'DATE']],
    },
    apiHeaders(server.url),
  );
  await page.goto(`${server.url.replace(/#.*$/, '')}#/review/${id}`);
  const review = new ReviewPage(page);
  await expect(review.rows).toHaveCount(5);
  await review.rows.first().focus();
  await page.keyboard.press('2');
  await expect(review.row('east quay')).toBeFocused();
  await page.keyboard.press('1');
  await expect(review.progress).toHaveText('2 of 5 stretches in gold');
  const dismiss = page.locator('.toast-dismiss');
  while ((await dismiss.count()) > 0) await dismiss.first().click();
  await review.row('schools of the region').focus();
  await page.evaluate('window.scrollTo(0, 0)');
  await page.mouse.move(0, 0);
  await page.screenshot({ path: shot('review-layers') });
});

test('README screenshot: a reviewer compares the layers’ relations and curates them into gold', async ({ page, server }) => {
  const { review } = await openRelationReview(page, server.url, fixtureFile('address-en.txt'), apiHeaders(server.url));
  await review.relationRow('Mira Castellan → Harbour').focus();
  await page.keyboard.press('2');
  await expect(review.progress).toHaveText('2 of 3 stretches in gold');
  const dismiss = page.locator('.toast-dismiss');
  while ((await dismiss.count()) > 0) await dismiss.first().click();
  await page.getByRole('heading', { level: 2, name: 'Relations' }).scrollIntoViewIfNeeded();
  await page.getByRole('heading', { level: 2, name: 'Relations' }).evaluate((h) => h.scrollIntoView({ block: 'start' }));
  await page.mouse.move(0, 0);
  await page.screenshot({ path: shot('review-relations') });
});
