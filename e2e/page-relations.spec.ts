import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makePdf } from '../bench/lib/pdf-writer';
import { expect, screenshotPath, test } from './fixtures';
import { EntitiesPage } from './models/entities-page';
import { LibraryPage } from './models/library-page';
import { PageView } from './models/page-view';
import { ReaderPage } from './models/reader-page';

test('a relation made on a PDF page shows as an arc between the two mentions’ boxes, scrolls with the page, and in the text view too; relabelling an end so the type no longer fits flags it', async ({ page, server }) => {
  const dir = await mkdtemp(join(tmpdir(), 'marginalia-page-relations-'));
  const file = join(dir, 'board.pdf');
  await writeFile(file, makePdf(['Board appointments', 'Lin Jian, deputy general manager of Bio-Thera Solutions, met the press in Guangzhou.', ...Array.from({ length: 60 }, (_, i) => `Line ${i + 1} of the minutes.`)]));
  const library = new LibraryPage(page);
  const pages = new PageView(page);
  const reader = new ReaderPage(page);
  const entities = new EntitiesPage(page);
  await library.open(server.url);
  await library.importFiles([file]);
  await library.documentLinks.first().click();
  await pages.ready(1);

  for (const [phrase, key] of [['Lin Jian', '1'], ['Bio-Thera Solutions', '2']] as const) {
    await pages.dragSelect(1, phrase);
    await page.keyboard.press(key);
  }
  const mentions = pages.marksOn(1).and(page.locator('[data-label]'));
  await expect(mentions).toHaveCount(2);
  const [person, company] = [(await mentions.nth(0).boundingBox())!, (await mentions.nth(1).boundingBox())!];

  // By mouse on the page: the person's box, "Relate to…", the company's box, the type.
  await page.mouse.click(person.x + person.width / 2, person.y + person.height / 2);
  await entities.mentionPopover.getByRole('button', { name: 'Relate to… (r)' }).click();
  await page.mouse.click(company.x + company.width / 2, company.y + company.height / 2);
  const bar = page.getByRole('region', { name: 'Relation' });
  await expect(bar.getByRole('status')).toContainText('“Lin Jian” → “Bio-Thera Solutions”');
  await bar.getByRole('button', { name: '1 Works for' }).click();

  const arc = pages.region.locator('svg.relation-arcs g[data-relation-id]');
  await expect(arc).toHaveCount(1);
  await expect(arc).toContainText('Works for');
  // The curve runs from the top middle of one box to the top middle of the other, rising above them.
  const curve = async () => (await arc.locator('path').boundingBox())!;
  const ends = async () => {
    const [a, b] = [(await mentions.nth(0).boundingBox())!, (await mentions.nth(1).boundingBox())!];
    return { x1: a.x + a.width / 2, x2: b.x + b.width / 2, top: Math.min(a.y, b.y), bottom: Math.max(a.y, b.y) };
  };
  await expect.poll(async () => Math.abs((await curve()).x - (await ends()).x1)).toBeLessThan(3);
  const drawn = await curve();
  const at = await ends();
  expect(Math.abs(drawn.x + drawn.width - at.x2)).toBeLessThan(3);
  expect(drawn.y + drawn.height).toBeLessThanOrEqual(at.bottom + 8); // the arrowhead reaches a little past the end
  expect(drawn.y).toBeLessThan(at.top);
  await page.screenshot({ path: screenshotPath('pages-relation-arc') });

  // Scrolling the pages moves the arc with its mentions.
  await page.locator('.page-scroller').evaluate((el) => el.scrollBy(0, 60));
  await expect.poll(async () => Math.round(drawn.y - (await curve()).y)).toBe(60);

  // The text view draws the same relation.
  await page.keyboard.press('p');
  await expect(reader.article).toBeVisible();
  const textArc = page.locator('svg.relation-arcs g[data-relation-id]');
  await expect(textArc).toHaveCount(1);

  // Relabelling the company as a place: "Works for" wants an organisation there. The relation
  // stays, flagged in the list with the reason, and its arc is dashed; relabelling back clears it.
  const list = page.getByRole('list', { name: 'Relations in this document' });
  await entities.mentionWithText('Bio-Thera Solutions').click();
  await entities.mentionPopover.getByRole('button', { name: 'Relabel as Location (3)' }).click();
  await expect(list.getByRole('listitem')).toContainText('⚠ “Bio-Thera Solutions” is LOCATION now; Works for wants ORG there');
  await expect(textArc).toHaveAttribute('data-flagged', 'true');
  await page.screenshot({ path: screenshotPath('relation-flagged') });
  await page.keyboard.press('Escape');
  await entities.mentionWithText('Bio-Thera Solutions').click();
  await entities.mentionPopover.getByRole('button', { name: 'Relabel as Organisation (2)' }).click();
  await expect(list.getByRole('listitem')).not.toContainText('⚠');
  await expect(textArc).not.toHaveAttribute('data-flagged', 'true');
});
