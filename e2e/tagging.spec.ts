import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, screenshotPath, test, type Server } from './fixtures';
import { EntitiesPage } from './models/entities-page';
import { LibraryPage } from './models/library-page';
import { ReaderPage } from './models/reader-page';

const TITLE = 'Guangzhou visit';
const TEXT = [
  TITLE,
  '',
  "Director Zhou Chong of GIBH visited Guangzhou. Guangzhou's museums and Guangzhou's parks impressed the delegation.",
  '',
  'The Guangzhouese dialect is spoken in GUANGZHOU. Zhou Chong thanked Guangzhou.',
  '',
].join('\n');

async function open(page: Page, server: Server) {
  const dir = await mkdtemp(join(tmpdir(), 'marginalia-tagging-'));
  const file = join(dir, 'visit.txt');
  await writeFile(file, TEXT);
  const library = new LibraryPage(page);
  const reader = new ReaderPage(page);
  await library.open(server.url);
  await library.importFiles([file]);
  await library.document(TITLE).click();
  await expect(reader.article).toBeVisible();
  return { reader, entities: new EntitiesPage(page) };
}

test('keyboard tagging of a two-word name: find matches the phrase, Shift+Alt+→/← grow and shrink the hit, Alt+1 tags it', async ({ page, server }) => {
  const { reader, entities } = await open(page, server);
  await page.keyboard.press('Control+f');
  await reader.findInput.fill('Zhou Chong');
  await expect(reader.findCount).toContainText('1 of 2');
  await expect(page.locator('mark.find-current')).toHaveText('Zhou Chong');

  // Grow by a word ("Zhou Chong of"), shrink twice ("Zhou"), grow back ("Zhou Chong").
  await page.keyboard.press('Shift+Alt+ArrowRight');
  await expect(page.locator('mark.find-current')).toHaveText('Zhou Chong of');
  await page.keyboard.press('Shift+Alt+ArrowLeft');
  await page.keyboard.press('Shift+Alt+ArrowLeft');
  await expect(page.locator('mark.find-current')).toHaveText('Zhou');
  await page.keyboard.press('Shift+Alt+ArrowRight');
  await expect(page.locator('mark.find-current')).toHaveText('Zhou Chong');
  await page.keyboard.press('Alt+1');
  await expect(entities.mentionWithText('Zhou Chong', 'PERSON')).toHaveCount(1);

  // The next hit, tagged the same way: the sidebar shows one entity with two mentions.
  await page.keyboard.press('Enter');
  await expect(reader.findCount).toContainText('2 of 2');
  await page.keyboard.press('Alt+1');
  await expect(entities.mentionWithText('Zhou Chong', 'PERSON')).toHaveCount(2);
  await expect(entities.sidebarMentions).toHaveCount(1);
  await expect(entities.sidebarMentions.first()).toHaveAccessibleName('Zhou Chong (PERSON), 2 mentions');
});

test('tag all finds the possessives and shows what it skips and why', async ({ page, server }) => {
  const { reader, entities } = await open(page, server);
  await reader.dragSelect('Guangzhou');
  await page.keyboard.press('3');
  await expect(entities.mentionWithText('Guangzhou', 'LOCATION')).toHaveCount(1);
  await entities.mentionWithText('Guangzhou', 'LOCATION').click();
  await entities.mentionPopover.getByRole('checkbox', { name: 'Match case' }).check();
  await entities.mentionPopover.getByRole('button', { name: 'Tag all in this document' }).click();
  const dialog = entities.tagAllDialog;
  await expect(dialog.getByRole('status')).toHaveText('4 untagged occurrences (exact case, whole words).');
  await expect(dialog.getByRole('list', { name: 'Occurrences' }).getByRole('listitem').filter({ hasText: 'possessive: tags “Guangzhou”' })).toHaveCount(2);
  const skipped = dialog.getByRole('list', { name: 'Occurrences tag-all skips, and why' }).getByRole('listitem');
  await expect(skipped).toHaveCount(2);
  await expect(skipped.nth(0)).toContainText('inside the longer word “Guangzhouese”');
  await expect(skipped.nth(1)).toContainText('written “GUANGZHOU” (match case is on)');
  await page.screenshot({ path: screenshotPath('tag-all-possessives') });
  await dialog.getByRole('button', { name: 'Tag 4 occurrences' }).click();
  await expect(dialog).toBeHidden();
  // "Guangzhou's" tags "Guangzhou": five mentions (the title's, and four), one entity.
  await expect(entities.mentionWithText('Guangzhou', 'LOCATION')).toHaveCount(5);
  await expect(entities.sidebarMentions.filter({ hasText: 'Guangzhou' })).toHaveAccessibleName('Guangzhou (LOCATION), 5 mentions');
});
