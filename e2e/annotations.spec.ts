import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { apiHeaders, expect, fixtureFile, ROOT, screenshotPath, test, type Server } from './fixtures';
import { LibraryPage } from './models/library-page';
import { ReaderPage } from './models/reader-page';

const ENGLISH = fixtureFile('address-en.txt');
const KEPT = 'tidal laboratory on the east quay';
const CHANGED = 'published our first open atlas of coastal sediments';

interface CliRow {
  id: string;
  start: number;
  end: number;
  quote: string;
  color?: string;
  comment: string;
  orphan?: string;
}

/** The CLI reads the archive while serve holds it. */
function cliAnnotations(server: Server, docId: string): CliRow[] {
  const out = execFileSync(process.execPath, [join(ROOT, 'bin', 'marginalia.mjs'), '--archive', server.archiveDir, 'annotations', docId, '--json'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return JSON.parse(out) as CliRow[];
}

async function openImported(page: Page, server: Server, file: string): Promise<ReaderPage> {
  const library = new LibraryPage(page);
  const reader = new ReaderPage(page);
  await library.open(server.url);
  await library.importFiles([file]);
  await library.documentLinks.first().click();
  await expect(reader.article).toBeVisible();
  return reader;
}

test('drag-select + h highlights exactly the phrase; a bold comment and the highlight survive a reload; the CLI sees them', async ({ page, server }) => {
  const reader = await openImported(page, server, ENGLISH);
  await reader.dragSelect(KEPT);
  await expect(reader.selectionToolbar).toBeVisible();
  await page.screenshot({ path: screenshotPath('annotations-selection-toolbar') });
  await page.keyboard.press('h');
  const mark = reader.markWithText(KEPT);
  await expect(mark).toHaveCount(1);
  await expect(mark).toHaveClass(/hl-yellow/);
  const [id] = await reader.annotationIds();

  // Open its popover, write a comment with bold through the Markdown shortcut.
  await mark.click();
  await expect(reader.popover).toBeVisible();
  await reader.commentEditor.click();
  await page.keyboard.type('Check **the date** with the lab');
  await expect(reader.commentEditor.locator('strong')).toHaveText('the date');
  await expect(reader.sidebarItems.first()).toContainText('Check the date with the lab');
  await page.screenshot({ path: screenshotPath('annotations-comment') });

  await page.reload();
  await expect(reader.markWithText(KEPT)).toHaveAttribute('data-annotation-id', id!);
  await reader.markWithText(KEPT).click();
  await expect(reader.commentEditor.locator('strong')).toHaveText('the date');

  const text = await readFile(ENGLISH, 'utf8');
  const rows = cliAnnotations(server, reader.docId());
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ id, quote: KEPT, color: 'yellow', comment: 'Check **the date** with the lab' });
  expect(rows[0]!.end - rows[0]!.start).toBe(KEPT.length);
  // The text file uses single line breaks inside paragraphs; the stored text joins them, so only the length can be compared.
  expect(text).toContain(KEPT);
});

test('undo and redo: create (same id back), recolour, delete from the sidebar', async ({ page, server }) => {
  const reader = await openImported(page, server, ENGLISH);
  const mark = await reader.highlight(KEPT);
  const id = await mark.getAttribute('data-annotation-id');

  await reader.undo();
  await expect(reader.marks).toHaveCount(0);
  await reader.redo();
  await expect(reader.markWithText(KEPT)).toHaveAttribute('data-annotation-id', id!);

  await reader.markWithText(KEPT).click();
  await reader.popover.getByRole('button', { name: /^Colour green/ }).click();
  await expect(reader.markWithText(KEPT)).toHaveClass(/hl-green/);
  await page.keyboard.press('Escape');
  await expect(reader.popover).toBeHidden();
  await reader.undo();
  await expect(reader.markWithText(KEPT)).toHaveClass(/hl-yellow/);
  await page.keyboard.press('Control+y');
  await expect(reader.markWithText(KEPT)).toHaveClass(/hl-green/);

  // Sidebar: keyboard to the item, Delete removes it, undo brings it back.
  await reader.sidebarItems.first().focus();
  await page.keyboard.press('Delete');
  await expect(reader.marks).toHaveCount(0);
  await reader.undo();
  await expect(reader.markWithText(KEPT)).toHaveAttribute('data-annotation-id', id!);
  await expect(reader.markWithText(KEPT)).toHaveClass(/hl-green/);
  expect(cliAnnotations(server, reader.docId()).map((r) => [r.id, r.color])).toEqual([[id, 'green']]);
});

test('n opens the comment editor; the sidebar lists in text order, filters by colour and goes to a highlight', async ({ page, server }) => {
  const reader = await openImported(page, server, ENGLISH);
  await reader.dragSelect(CHANGED);
  await page.keyboard.press('n');
  await expect(reader.commentEditor).toBeFocused();
  await page.keyboard.type('Which atlas?');
  await page.keyboard.press('Escape');
  await reader.highlight(KEPT);
  await reader.markWithText(KEPT).click();
  await reader.popover.getByRole('button', { name: /^Colour blue/ }).click();
  await page.keyboard.press('Escape');

  await expect(reader.sidebarItems).toHaveCount(2);
  await expect(reader.sidebarItems.nth(0)).toContainText(KEPT);
  await expect(reader.sidebarItems.nth(1)).toContainText(CHANGED);
  await expect(reader.sidebarItems.nth(1)).toContainText('Which atlas?');
  await page.getByRole('combobox', { name: 'Filter by colour' }).selectOption('blue');
  await expect(reader.sidebarItems).toHaveCount(1);
  await page.getByRole('combobox', { name: 'Filter by colour' }).selectOption('all');

  await reader.sidebarItems.nth(0).focus();
  await page.keyboard.press('ArrowDown');
  await expect(reader.sidebarItems.nth(1)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(reader.markWithText(CHANGED)).toHaveClass(/flash/);
  await expect(reader.popover).toBeVisible();
  await page.screenshot({ path: screenshotPath('annotations-sidebar') });
});

test('the document note autosaves and survives a reload', async ({ page, server }) => {
  const reader = await openImported(page, server, ENGLISH);
  await reader.noteEditor.click();
  await page.keyboard.type('## Summary');
  await page.keyboard.press('Enter');
  await page.keyboard.type('- thanks staff');
  await expect(reader.noteStatus).toHaveText('Saving…');
  await expect(reader.noteStatus).toHaveText('Saved');
  await expect(reader.noteEditor.getByRole('heading', { name: 'Summary' })).toBeVisible();
  await page.screenshot({ path: screenshotPath('annotations-note') });
  await page.reload();
  await expect(reader.noteEditor.getByRole('heading', { name: 'Summary' })).toBeVisible();
  await expect(reader.noteEditor.getByRole('listitem')).toHaveText('thanks staff');
});

test('a new version keeps the highlight that still matches and lists the other as an orphan to place', async ({ page, server }) => {
  const reader = await openImported(page, server, ENGLISH);
  const docId = reader.docId();
  await reader.highlight(KEPT);
  await reader.highlight(CHANGED);
  await expect(reader.sidebarItems).toHaveCount(2);

  // The edited file, same name: the changed sentence is gone and a line is added before the kept one.
  const dir = await mkdtemp(join(tmpdir(), 'marginalia-version-'));
  const edited = (await readFile(ENGLISH, 'utf8'))
    .replace('Dear colleagues', 'Dear colleagues, old and new,')
    .replace(/published our first open atlas of coastal\s+sediments/, 'repainted the harbour crane');
  await writeFile(join(dir, 'address-en.txt'), edited);
  const origin = new URL(server.url).origin;
  const answer = await page.request.post(`${origin}/api/import.files`, {
    headers: apiHeaders(server.url),
    data: { files: [{ name: 'address-en.txt', data: Buffer.from(edited).toString('base64'), asVersionOf: docId }] },
  });
  const result = (await answer.json()) as { ok: boolean; value: { status: string }[] };
  expect(result.value[0]?.status).toBe('new-version');

  // library.changed brings the new text and the re-anchored annotations into the open reader.
  await expect(reader.article).toContainText('repainted the harbour crane');
  await expect(reader.markWithText(KEPT)).toHaveCount(1);
  await expect(reader.orphans).toHaveCount(1);
  await expect(reader.orphans.first()).toContainText(CHANGED);
  await page.screenshot({ path: screenshotPath('annotations-orphan') });

  await reader.dragSelect('repainted the harbour crane');
  await reader.orphans.first().getByRole('button', { name: 'Place at selection' }).click();
  await expect(reader.orphans).toHaveCount(0);
  await expect(reader.markWithText('repainted the harbour crane')).toHaveCount(1);
  await page.reload();
  await expect(reader.markWithText('repainted the harbour crane')).toHaveCount(1);
  await expect(reader.markWithText(KEPT)).toHaveCount(1);
});

test('colour names are set in Settings and show in the reader', async ({ page, server }) => {
  const reader = await openImported(page, server, ENGLISH);
  await page.getByRole('link', { name: 'Name the colours…' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Meaning of green' }).fill('Key finding');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  // Settings has other live statuses (inbox, rules): the colour form's own one says it saved.
  await expect(page.locator('form', { has: page.getByRole('textbox', { name: 'Meaning of green' }) }).getByRole('status')).toHaveText('Saved');
  await page.screenshot({ path: screenshotPath('settings-colours') });
  await page.goBack();
  await reader.dragSelect(KEPT);
  await expect(reader.selectionToolbar.getByRole('button', { name: 'Highlight green (Key finding)' })).toBeVisible();
  await reader.selectionToolbar.getByRole('button', { name: 'Highlight green (Key finding)' }).click();
  await expect(reader.markWithText(KEPT)).toHaveClass(/hl-green/);
  await expect(reader.sidebarItems.first()).toContainText('Key finding');
});

test('overlapping highlights nest; a comment edit is one undo step', async ({ page, server }) => {
  const reader = await openImported(page, server, ENGLISH);
  await reader.highlight('tidal laboratory');
  await reader.dragSelect('laboratory on the east quay');
  await reader.selectionToolbar.getByRole('button', { name: /^Highlight pink/ }).click();
  // Each annotation has its own element(s); the overlap "laboratory" sits in both, the later one inside.
  const inner = reader.article.locator('mark.hl-yellow > mark.hl-pink');
  await expect(inner).toHaveText('laboratory');
  const ids = await reader.annotationIds();
  expect(ids).toHaveLength(2);
  const texts = async (id: string) => (await reader.article.locator(`mark[data-annotation-id="${id}"]`).allInnerTexts()).join('');
  expect(await texts(ids[0]!)).toBe('tidal laboratory');
  expect(await texts(ids[1]!)).toBe('laboratory on the east quay');
  await page.screenshot({ path: screenshotPath('annotations-overlap') });

  await inner.click();
  await reader.commentEditor.click();
  await page.keyboard.type('First thought');
  await page.keyboard.press('Escape');
  await expect(reader.popover).toBeHidden();
  await expect(reader.sidebarItems.nth(1)).toContainText('First thought');
  await reader.undo();
  await expect(reader.sidebarItems.nth(1)).not.toContainText('First thought');
  // Only the comment went back: both highlights are still there.
  await expect(reader.sidebarItems).toHaveCount(2);
  await reader.redo();
  await expect(reader.sidebarItems.nth(1)).toContainText('First thought');
});

test('Chinese text: a drag selection maps to the right UTF-16 offsets', async ({ page, server }) => {
  const reader = await openImported(page, server, fixtureFile('report-gb18030.txt'));
  const phrase = '干细胞与再生医学';
  await reader.highlight(phrase);
  const [row] = cliAnnotations(server, reader.docId());
  expect(row).toMatchObject({ quote: phrase });
  expect(row!.end - row!.start).toBe(phrase.length);
});
