import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, ROOT, screenshotPath, test } from './fixtures';
import { EntitiesPage } from './models/entities-page';
import { LibraryPage } from './models/library-page';
import { ReaderPage } from './models/reader-page';

const TITLE = 'Annual report';
const V1 = `${TITLE}\n\nRevenue reached 117.8 billion yuan in 2023, reported Lin Jian.\n`;
const V2 = `${TITLE}\n\nRevenue reached 118.2 billion yuan in 2023, reported Lin Jian.\n`;

test('a mention whose text a new version changed is marked for review with the old and new text, and confirmed back into its entity', async ({ page, server }) => {
  const dir = await mkdtemp(join(tmpdir(), 'marginalia-review-'));
  await writeFile(join(dir, 'report.txt'), V1);
  await writeFile(join(dir, 'report-v2.txt'), V2);
  const library = new LibraryPage(page);
  const reader = new ReaderPage(page);
  const entities = new EntitiesPage(page);
  await library.open(server.url);
  await library.importFiles([join(dir, 'report.txt')]);
  await library.document(TITLE).click();
  await expect(reader.article).toBeVisible();
  await reader.dragSelect('117.8 billion yuan');
  await page.keyboard.press('5');
  await expect(entities.mentionWithText('117.8 billion yuan', 'MONEY')).toHaveCount(1);

  // The new version, imported in the library: it looks like a version of the report; say so.
  await page.getByRole('link', { name: /Library/ }).first().click();
  await library.importFiles([join(dir, 'report-v2.txt')]);
  await page.getByRole('button', { name: `Import as new version of “${TITLE}”` }).click();
  await expect(page.getByText(/version 2 of/)).toBeVisible();
  await library.document(TITLE).click();
  await expect(reader.article).toBeVisible();
  await expect(entities.mentionWithText('118.2 billion yuan', 'MONEY')).toHaveCount(1);
  const review = page.getByRole('list', { name: 'Mentions whose text changed in the new version' }).getByRole('listitem');
  await expect(review).toHaveCount(1);
  await expect(review).toContainText('“117.8 billion yuan” → “118.2 billion yuan”');
  await expect(entities.sidebarMentions).toHaveCount(0); // out of its entity meanwhile
  await page.screenshot({ path: screenshotPath('mention-review') });

  await review.getByRole('button', { name: 'Confirm “118.2 billion yuan” still means 117.8 billion yuan' }).click();
  await expect(review).toHaveCount(0);
  await expect(entities.sidebarMentions).toHaveAccessibleName('117.8 billion yuan (MONEY), 1 mention');

  // The CLI sees the mention back in its entity.
  const out = execFileSync(process.execPath, [join(ROOT, 'bin', 'marginalia.mjs'), '--archive', server.archiveDir, 'entities', '--json'], { cwd: ROOT, encoding: 'utf8' });
  expect((JSON.parse(out) as { entity: string; mentions: number }[]).map((e) => [e.entity, e.mentions])).toEqual([['117.8 billion yuan', 1]]);
});
