import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, ROOT, screenshotPath, test } from './fixtures';
import { EntitiesPage } from './models/entities-page';
import { LibraryPage } from './models/library-page';
import { ReaderPage } from './models/reader-page';

const TITLE = '广州健康院召开工作总结会';
const REPORT = [
  TITLE,
  '',
  '2024年1月15日，中国科学院广州生物医药与健康研究院在广州市黄埔区召开年度工作总结会。院长周冲作工作报告，党委书记林坚主持会议。',
  '',
  '广东省科学技术厅副厅长王晓东出席会议。研究院全年到位科研经费5.6亿元，比上年增长12.5%。',
  '',
].join('\n');

test('Chinese suggestions: people, organisations, places, dates and money, with their source; j/k walk, Enter accepts, x rejects', async ({ page, server }) => {
  const dir = await mkdtemp(join(tmpdir(), 'marginalia-zh-'));
  const file = join(dir, 'zh-report.txt');
  await writeFile(file, REPORT);
  const library = new LibraryPage(page);
  const reader = new ReaderPage(page);
  const entities = new EntitiesPage(page);
  await library.open(server.url);
  await library.importFiles([file]);
  await library.document(TITLE).click();
  await expect(reader.article).toBeVisible();

  await page.keyboard.press('s');
  await expect(entities.suggestionStatus).toContainText(/\d+ suggestions/);
  const marks = page.locator('mark.suggestion');
  for (const name of ['周冲', '林坚', '王晓东', '中国科学院广州生物医药与健康研究院', '广东省科学技术厅', '广州市黄埔区', '2024年1月15日', '5.6亿元', '12.5%']) {
    await expect(marks.filter({ hasText: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).first(), name).toBeVisible();
  }

  // j walks forward in text order, k back.
  await page.keyboard.press('j');
  await expect(entities.suggestionStatus).toContainText('ORG: 广州健康院 — Enter to accept'); // the title's short name
  await page.keyboard.press('j');
  await expect(entities.suggestionStatus).toContainText('DATE: 2024年1月15日 — Enter to accept');
  await expect(entities.suggestionBar).toContainText('found by a rule');
  await page.keyboard.press('j');
  await expect(entities.suggestionStatus).toContainText('ORG: 中国科学院广州生物医药与健康研究院');
  await page.keyboard.press('j');
  await expect(entities.suggestionStatus).toContainText('LOCATION: 广州市黄埔区');
  await page.keyboard.press('k');
  await expect(entities.suggestionStatus).toContainText('ORG: 中国科学院广州生物医药与健康研究院');
  await page.screenshot({ path: screenshotPath('zh-suggestions') });

  await page.keyboard.press('Enter');
  await expect(entities.mentionWithText('中国科学院广州生物医药与健康研究院', 'ORG')).toHaveCount(1);
  // After accepting, the next one is current: the place; reject it.
  await expect(entities.suggestionStatus).toContainText('LOCATION: 广州市黄埔区');
  await page.keyboard.press('x');
  await expect(marks.filter({ hasText: /^广州市黄埔区$/ })).toHaveCount(0);
  await expect(entities.suggestionStatus).toContainText('PERSON: 周冲');
  await page.keyboard.press('Enter');
  await expect(entities.mentionWithText('周冲', 'PERSON')).toHaveCount(1);

  // The CLI sees what the reader left: the accepted ones are mentions, the rejected one is not offered.
  const out = execFileSync(process.execPath, [join(ROOT, 'bin', 'marginalia.mjs'), '--archive', server.archiveDir, 'list', '--json'], { cwd: ROOT, encoding: 'utf8' });
  const id = (JSON.parse(out) as { id: string }[])[0]!.id;
  const suggested = JSON.parse(execFileSync(process.execPath, [join(ROOT, 'bin', 'marginalia.mjs'), '--archive', server.archiveDir, 'suggest', id, '--json'], { cwd: ROOT, encoding: 'utf8' })) as { text: string }[];
  const texts = suggested.map((s) => s.text);
  expect(texts).not.toContain('广州市黄埔区');
  expect(texts).not.toContain('周冲');
  expect(texts).toContain('林坚');
});
