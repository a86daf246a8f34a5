import type { Page } from '@playwright/test';
import { expect, fixtureFile, test, type Server } from './fixtures';
import { EntitiesPage } from './models/entities-page';
import { LibraryPage } from './models/library-page';
import { ReaderPage } from './models/reader-page';
import { ShellPage } from './models/shell-page';

const ADDRESS = 'New Year Address from the Harbour Institute of Marine Studies';

async function openAddress(page: Page, server: Server) {
  const library = new LibraryPage(page);
  const reader = new ReaderPage(page);
  await library.open(server.url);
  await library.importFiles([fixtureFile('address-en.txt'), fixtureFile('notice.md')]);
  await library.document(ADDRESS).click();
  await expect(reader.article).toBeVisible();
  return { library, reader, shell: new ShellPage(page), entities: new EntitiesPage(page) };
}

test('the palette opens with Ctrl+K, filters fuzzily, runs a command with Enter and closes with Escape', async ({ page, server }) => {
  const library = new LibraryPage(page);
  const shell = new ShellPage(page);
  await library.open(server.url);
  await shell.openPalette();
  await expect(shell.paletteOptions.filter({ hasText: 'Go to entities' })).toContainText('Alt+E');
  // Reader commands do not apply in the library.
  await expect(shell.paletteOptions.filter({ hasText: 'Highlight the selection' })).toHaveCount(0);
  await shell.paletteInput.fill('gtent');
  await expect(shell.paletteOptions).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Entities' })).toBeVisible();

  await shell.openPalette();
  await page.keyboard.press('Escape');
  await expect(shell.palette).toBeHidden();
  // Ctrl+Shift+P too, and arrow keys move the choice.
  await page.keyboard.press('Control+Shift+P');
  await expect(shell.paletteInput).toBeFocused();
  await shell.paletteInput.fill('go to');
  await page.keyboard.press('ArrowDown');
  await expect(shell.paletteOptions.nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Escape');
  // "/" still focuses the library search.
  await page.keyboard.press('Alt+l');
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox', { name: 'Search documents' })).toBeFocused().catch(() => undefined);
});

test('? shows every shortcut; h and Ctrl+F still work in the reader; [ ] walk the highlights', async ({ page, server }) => {
  const { reader, shell } = await openAddress(page, server);
  await page.keyboard.press('?');
  await expect(shell.help).toBeVisible();
  await expect(shell.help.getByRole('heading', { name: 'Reader' })).toBeVisible();
  await expect(shell.help.getByText('Ctrl+K')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(shell.help).toBeHidden();

  await reader.highlight('tidal laboratory');
  await reader.highlight('open atlas');
  await page.keyboard.press(']');
  await expect(reader.markWithText('tidal laboratory')).toHaveClass(/flash/);
  await page.keyboard.press('Control+f');
  await expect(reader.findInput).toBeFocused();
});

test('a rebound shortcut works, survives a reload, and a clash is named', async ({ page, server }) => {
  const { reader, shell } = await openAddress(page, server);
  const docUrl = page.url();
  await shell.openSettings();
  await shell.shortcutRow('Highlight the selection').getByRole('button', { name: 'Change the shortcut of “Highlight the selection”' }).click();
  await page.keyboard.press('g');
  await expect(shell.shortcutRow('Highlight the selection')).toContainText('G');
  // n is the note's: binding the highlight to it too shows the clash on both rows.
  await shell.shortcutRow('Show keyboard shortcuts').getByRole('button', { name: /^Change/ }).click();
  await page.keyboard.press('n');
  await expect(shell.shortcutRow('Show keyboard shortcuts')).toContainText('Also bound to: Highlight the selection with a comment');
  await expect(page.getByText(/1 shortcut is used by two commands/)).toBeVisible();
  await shell.shortcutRow('Show keyboard shortcuts').getByRole('button', { name: /^Reset/ }).click();
  await expect(page.getByText(/used by two commands/)).toBeHidden();

  await page.reload();
  await expect(shell.shortcutRow('Highlight the selection')).toContainText('G');
  await page.goto(docUrl);
  await expect(reader.article).toBeVisible();
  await reader.dragSelect('tidal laboratory');
  await page.keyboard.press('h');
  await expect(reader.marks).toHaveCount(0);
  await page.keyboard.press('g');
  await expect(reader.markWithText('tidal laboratory')).toBeVisible();
});

test('dark theme applies from Settings and the palette, and persists; marks stay readable', async ({ page, server }) => {
  const { reader, shell } = await openAddress(page, server);
  await reader.highlight('tidal laboratory');
  await shell.openSettings();
  await page.getByRole('radio', { name: 'Dark' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('radio', { name: 'Dark' })).toBeChecked();
  // System: follows prefers-color-scheme.
  await page.getByRole('radio', { name: 'Follow the system' }).check();
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.goBack();
  await expect(reader.article).toBeVisible();
  expect(await shell.axeViolations('article')).toEqual([]);
  // The palette's theme command goes light → dark → system.
  await shell.runCommand('switch theme', 'Switch theme');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
});

test('Chinese interface: labels, dates and numbers follow the language; English comes back', async ({ page, server }) => {
  const library = new LibraryPage(page);
  const shell = new ShellPage(page);
  await library.open(server.url);
  await library.importFiles([fixtureFile('address-en.txt'), fixtureFile('report-gb18030.txt')]);
  await shell.openSettings();
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  await expect(page.getByRole('heading', { level: 1, name: '设置' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.reload();
  await page.getByRole('link', { name: '文库' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '文库' })).toBeVisible();
  await expect(library.count).toHaveText('2 份文档');
  await expect(page.getByRole('button', { name: '选择文件…' })).toBeVisible();
  // Dates in the table: Chinese style (2025年1月1日 / 2026年…).
  await expect(library.table.getByText(/\d{4}年\d{1,2}月\d{1,2}日/).first()).toBeVisible();
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: '输入命令' }).fill('语言');
  await expect(page.getByRole('option').first()).toContainText('切换语言');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();
});

test('the last document comes back when the app starts again', async ({ page, server }) => {
  const { reader, library } = await openAddress(page, server);
  const hash = new URL(page.url()).hash;
  // Start again from the bare address (no #/doc/… in it): the window goes back to the document.
  await page.goto(server.url);
  await expect(reader.article).toBeVisible();
  expect(new URL(page.url()).hash).toBe(hash);
  await reader.backToLibrary.click();
  await expect(library.heading).toBeVisible();
  await page.goto(server.url);
  await expect(library.heading).toBeVisible();
});

test.describe('axe: no serious or critical violation', () => {
  test('empty library, library with documents, palette, details dialog, settings', async ({ page, server }) => {
    test.setTimeout(90_000); // six full axe runs: on a loaded machine this takes ~30 s
    const library = new LibraryPage(page);
    const shell = new ShellPage(page);
    await library.open(server.url);
    await expect(library.emptyState).toBeVisible();
    expect(await shell.axeViolations()).toEqual([]);
    await library.importFiles([fixtureFile('address-en.txt'), fixtureFile('notice.md')]);
    expect(await shell.axeViolations()).toEqual([]);
    await shell.openPalette();
    expect(await shell.axeViolations()).toEqual([]);
    await page.keyboard.press('Escape');
    await library.openDetails(ADDRESS);
    expect(await shell.axeViolations()).toEqual([]);
    await page.keyboard.press('Escape');
    await shell.openSettings();
    expect(await shell.axeViolations()).toEqual([]);
    await page.keyboard.press('?');
    await expect(shell.help).toBeVisible();
    expect(await shell.axeViolations()).toEqual([]);
  });

  test('reader with highlights and entities, tag-all preview, entities view, entity page — light and dark', async ({ page, server }) => {
    const { reader, shell, entities } = await openAddress(page, server);
    await reader.highlight('tidal laboratory');
    await reader.dragSelect('Harbour Institute of Marine Studies');
    await page.keyboard.press('2');
    await expect(entities.mentions()).toHaveCount(1);
    await reader.dragSelect('Mira Castellan');
    await page.keyboard.press('1');
    await expect(entities.mentions()).toHaveCount(2);
    expect(await shell.axeViolations()).toEqual([]);
    await entities.mentions().first().click();
    await expect(entities.mentionPopover).toBeVisible();
    await entities.mentionPopover.getByRole('button', { name: 'Tag all in this document' }).click();
    await expect(entities.tagAllDialog).toBeVisible();
    expect(await shell.axeViolations()).toEqual([]);
    await page.keyboard.press('Escape');
    await page.evaluate(() => localStorage.setItem('marginalia.preferences', JSON.stringify({ theme: 'dark', language: 'en', keys: {} })));
    await page.reload();
    await expect(reader.article).toBeVisible();
    expect(await shell.axeViolations()).toEqual([]);
    await page.keyboard.press('Alt+e');
    await expect(entities.heading).toHaveText('Entities');
    expect(await shell.axeViolations()).toEqual([]);
    await entities.table.getByRole('link').first().click();
    await expect(page.getByRole('region', { name: 'Mentions' })).toBeVisible();
    expect(await shell.axeViolations()).toEqual([]);
  });
});
