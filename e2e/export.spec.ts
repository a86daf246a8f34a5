import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { apiHeaders, expect, fixtureFile, screenshotPath, test } from './fixtures';
import { ExportDialog, unzipText } from './models/export-dialog';
import { LibraryPage } from './models/library-page';
import { ReaderPage } from './models/reader-page';

const ENGLISH = fixtureFile('address-en.txt');
const NOTICE = fixtureFile('notice.md');
const CHINESE = fixtureFile('report-gb18030.txt');
const KEPT = 'tidal laboratory on the east quay';

async function openLibrary(page: Page, url: string, files: string[]): Promise<LibraryPage> {
  const library = new LibraryPage(page);
  await library.open(url);
  await library.importFiles(files);
  await expect(library.documentLinks).toHaveCount(files.length);
  return library;
}

/** The library header's Export… (the whole archive) and Import annotations…. */
const interchange = (page: Page) => page.getByRole('group', { name: 'Export and import annotations' });

test('reader: export this document as Markdown: a .md download with front matter and the highlight; Escape closes', async ({ page, server }) => {
  const library = await openLibrary(page, server.url, [ENGLISH]);
  const reader = new ReaderPage(page);
  await library.documentLinks.first().click();
  await expect(reader.article).toBeVisible();
  await reader.highlight(KEPT);

  const openButton = page.getByRole('banner').or(page.locator('.doc-header')).getByRole('button', { name: 'Export…' });
  await openButton.click();
  const dialog = new ExportDialog(page);
  await expect(dialog.dialog).toBeVisible();
  await expect(dialog.scope).toHaveText(/^Exporting 1 document: “.+”\.$/);
  await expect(dialog.format('Markdown')).toBeChecked();
  await expect(dialog.format('Markdown')).toBeFocused();
  await expect(dialog.dialog.getByRole('radio')).toHaveCount(7);
  await page.screenshot({ path: screenshotPath('export-dialog-reader') });

  const { download, bytes } = await dialog.export('Markdown');
  expect(download.suggestedFilename()).toMatch(/\.md$/);
  const text = bytes.toString('utf8');
  expect(text.startsWith('---\n')).toBe(true);
  expect(text).toContain(`> ${KEPT}`);
  await page.screenshot({ path: screenshotPath('export-done-markdown') });

  await page.keyboard.press('Escape');
  await expect(dialog.dialog).toBeHidden();
  await expect(openButton).toBeFocused();
});

test('library header: export the whole archive as W3C → a zip with one collection per document', async ({ page, server }) => {
  await openLibrary(page, server.url, [ENGLISH, NOTICE]);
  await interchange(page).getByRole('button', { name: 'Export…' }).click();
  const dialog = new ExportDialog(page);
  await expect(dialog.scope).toHaveText('Exporting the whole archive (2 documents).');

  const { download, bytes } = await dialog.export('W3C Web Annotation');
  expect(download.suggestedFilename()).toMatch(/\.zip$/);
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  const files = await unzipText(bytes);
  const collections = [...files.values()].filter((content) => content.includes('"AnnotationCollection"'));
  expect(collections).toHaveLength(2);
  await expect(dialog.status).toHaveText(`Downloaded ${download.suggestedFilename()} (2 documents).`);
  await page.screenshot({ path: screenshotPath('export-archive-w3c') });
  await dialog.closeButton.click();
  await expect(dialog.dialog).toBeHidden();

  // Opened again: the last format is kept and focused, so arrow keys move from it.
  await interchange(page).getByRole('button', { name: 'Export…' }).click();
  await expect(dialog.format('W3C Web Annotation')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(dialog.format('brat standoff')).toBeChecked();
  await expect(dialog.dialog).not.toContainText('Downloaded');
});

test('selection bar: export 2 of 3 documents as doccano JSONL', async ({ page, server }) => {
  const library = await openLibrary(page, server.url, [ENGLISH, NOTICE, CHINESE]);
  const [first, second, third] = await library.titles();
  await library.selectBox(first!).check();
  await library.selectBox(second!).check();
  await library.bulkActions.getByRole('button', { name: 'Export…' }).click();
  const dialog = new ExportDialog(page);
  await expect(dialog.scope).toHaveText('Exporting 2 documents.');
  await dialog.format('doccano JSONL').check();
  await page.screenshot({ path: screenshotPath('export-selection-doccano') });

  const { download, bytes } = await dialog.export('doccano JSONL');
  expect(download.suggestedFilename()).toMatch(/\.zip$/);
  const files = await unzipText(bytes);
  const jsonl = [...files].filter(([name]) => name.endsWith('.jsonl'));
  expect(jsonl).toHaveLength(1);
  const rows = jsonl[0]![1]
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { text: string; label: unknown[] });
  expect(rows).toHaveLength(2);
  // The third document stayed out.
  expect(rows.some((row) => row.text.includes(third!))).toBe(false);
});

test('import annotations: a doccano line whose text matches a document adds an ORG mention; a label the archive lacks is created, with a warning saying so', async ({ page, server }) => {
  const library = await openLibrary(page, server.url, [ENGLISH]);
  const href = await library.documentLinks.first().getAttribute('href');
  const id = /#\/doc\/([a-z0-9]+)/.exec(href ?? '')?.[1];
  expect(id).toBeTruthy();
  // The archive's stored text (blocks joined), through the same API the page uses, with the token in its header.
  const answer = await page.request.post(new URL('/api/document.get', server.url).origin + '/api/document.get', { headers: apiHeaders(server.url), data: { id } });
  const { value } = (await answer.json()) as { value: { text: string } };
  const dir = await mkdtemp(join(tmpdir(), 'marginalia-doccano-'));
  const file = join(dir, 'mentions.jsonl');
  await writeFile(file, `${JSON.stringify({ text: value.text, label: [[0, 5, 'ORG'], [6, 10, 'NOPE']] })}\n`);

  await page.getByLabel('Annotations to import').setInputFiles(file);
  const summary = page.getByRole('region', { name: 'Annotation import' });
  await expect(summary).toContainText('mentions.jsonl (doccano): imported 2, skipped 0');
  await summary.getByText('Warnings (1)').click();
  await expect(summary).toContainText('created label(s) and relation type(s) the archive lacked: NOPE');
  await page.screenshot({ path: screenshotPath('export-annotation-import') });

  await library.documentLinks.first().click();
  const mention = page.getByRole('article').locator('mark[data-label="ORG"]');
  await expect(mention).toHaveText(value.text.slice(0, 5));
});
