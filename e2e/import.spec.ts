import { copyFileSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { apiHeaders, expect, fixtureFile, screenshotPath, test } from './fixtures';
import { LibraryPage } from './models/library-page';

const MIXED = ['address-en.txt', 'report-gb18030.txt', 'notice.md', 'html-hostile.html', 'pdf-two-column.pdf', 'docx-structure.docx', 'pdf-no-text.pdf', 'pdf-truncated.pdf'];

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'marginalia-e2e-files-'));
}

test('imports a folder of mixed formats and names the file that failed', async ({ page, server }) => {
  const library = new LibraryPage(page);
  const dir = tempDir();
  mkdirSync(join(dir, 'reports'));
  mkdirSync(join(dir, '.git'));
  writeFileSync(join(dir, '.git', 'HEAD'), 'ref: refs/heads/main\n');
  MIXED.forEach((name, i) => copyFileSync(fixtureFile(name), join(dir, i % 2 ? 'reports' : '', name)));
  await library.open(server.url);

  await library.importFolder(dir);
  // The generated PDFs share their metadata title: the second looks like a new version of the first.
  await expect(library.summary).toContainText(`${MIXED.length - 2} imported, 0 duplicates, 1 failed, 1 to decide`);
  await page.screenshot({ path: screenshotPath('import-mixed-summary'), fullPage: true });
  await library.summary.getByRole('button', { name: 'Import as separate document' }).click();
  await expect(library.summary).toContainText(`${MIXED.length - 1} imported, 0 duplicates, 1 failed.`);
  await expect(library.summary.getByRole('listitem')).toHaveText([/^pdf-truncated\.pdf: .+/]);
  await expect(library.documentLinks).toHaveCount(MIXED.length - 1);
  // A PDF without a text layer says so in the list.
  await expect(library.table.getByRole('img', { name: /^Notice: / })).toHaveCount(1);
  await library.filterChip('Type', 'PDF').click();
  await expect(library.documentLinks).toHaveCount(2);
  await expect(library.filterChip('Type', 'Word')).toHaveAttribute('aria-pressed', 'false');
  await page.screenshot({ path: screenshotPath('import-mixed-folder'), fullPage: true });
});

test('an edited file with the same name can come in as a new version and keeps its highlight', async ({ page, server }) => {
  const library = new LibraryPage(page);
  const dir = tempDir();
  const memo = join(dir, 'memo.txt');
  const body = 'Budget memo\n\nThe committee approved the harbour dredging budget for next year.\n\nFunding comes from the regional grant.\n';
  writeFileSync(memo, body);
  await library.open(server.url);
  await library.importFiles([memo]);

  // Highlight "harbour dredging" through the API, as the reader would.
  const origin = new URL(server.url).origin;
  const list = await (await page.request.post(`${origin}/api/library.list`, { headers: apiHeaders(server.url), data: {} })).json();
  const docId: string = list.value[0].id;
  const start = body.indexOf('harbour dredging');
  const created = await page.request.post(`${origin}/api/annotations.create`, { headers: apiHeaders(server.url), data: { docId, kind: 'highlight', start, end: start + 16, color: 'yellow' } });
  expect((await created.json()).ok).toBe(true);

  writeFileSync(memo, body.replace('next year', 'the next two years').replace('regional grant', 'regional and national grants'));
  await library.importFiles([memo]);
  await expect(library.summary).toContainText('1 to decide');
  const asVersion = library.summary.getByRole('button', { name: /^Import as new version of “/ });
  await expect(library.summary.getByRole('button', { name: 'Import as separate document' })).toBeVisible();
  await page.screenshot({ path: screenshotPath('import-version-candidate'), fullPage: true });
  await asVersion.click();

  await expect(library.summary).toContainText('1 new version');
  await expect(library.summary.getByRole('list', { name: 'New versions' })).toContainText('annotations: 1 kept exactly, 0 moved, 0 matched approximately, 0 orphaned');
  await expect(library.documentLinks).toHaveCount(1);
  await page.screenshot({ path: screenshotPath('import-new-version'), fullPage: true });
});

test('an encrypted PDF asks for its password and imports with it', async ({ page, server }) => {
  const library = new LibraryPage(page);
  await library.open(server.url);
  await library.importFiles([fixtureFile('pdf-encrypted-user-password.pdf')]);
  await expect(library.summary).toContainText('0 imported, 0 duplicates, 1 failed');

  await library.summary.getByRole('button', { name: 'Enter password…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Password for pdf-encrypted-user-password.pdf' });
  await expect(dialog).toBeVisible();
  // The import's error toast shows inside the open dialog too: pick the field and the dialog's own alert exactly.
  await dialog.getByLabel('Password', { exact: true }).fill('not-it');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog.getByRole('alert').filter({ hasNotText: 'Could not import' })).toBeVisible();
  await page.screenshot({ path: screenshotPath('import-password-wrong'), fullPage: true });

  await dialog.getByLabel('Password', { exact: true }).fill('secret');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog).toHaveCount(0);
  await expect(library.summary).toContainText('1 imported, 0 duplicates, 0 failed');
  await expect(library.documentLinks).toHaveCount(1);
});

test('Cancel stops a large import midway and keeps what was stored', async ({ page, server }) => {
  const library = new LibraryPage(page);
  const dir = tempDir();
  const files = Array.from({ length: 60 }, (_, i) => {
    const path = join(dir, `note-${String(i + 1).padStart(2, '0')}.txt`);
    writeFileSync(path, `Note ${i + 1}\n\nA small generated note, number ${i + 1}, about tide gauge ${i * 7}.\n`);
    return path;
  });
  await library.open(server.url);
  // Slow each import call down, so that the run is still going when Cancel is pressed.
  await page.route('**/api/import.files', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });

  await library.startImport(files);
  await expect(library.progress).toBeVisible();
  await expect(library.progress).toHaveAttribute('aria-valuemax', '60');
  await expect(library.progress).not.toHaveAttribute('aria-valuenow', '0', { timeout: 15_000 });
  await page.screenshot({ path: screenshotPath('import-progress'), fullPage: true });
  await library.cancelImport.click();

  await expect(library.summary).toBeVisible({ timeout: 15_000 });
  await expect(library.summary).toContainText(/Import cancelled: \d+ imported/);
  const imported = Number(/(\d+) imported/.exec((await library.summary.textContent()) ?? '')?.[1]);
  expect(imported).toBeGreaterThan(0);
  expect(imported).toBeLessThan(60);
  await expect(library.summary).toContainText(`${60 - imported} not imported (cancelled)`);
  await expect(library.count).toHaveText(`${imported} documents`);
  expect(basename(files[0]!)).toBe('note-01.txt');
  await page.screenshot({ path: screenshotPath('import-cancelled'), fullPage: true });
});

test('a folder import tells which files it skipped and why (formats not supported yet)', async ({ page, server }) => {
  const library = new LibraryPage(page);
  const dir = tempDir();
  writeFileSync(join(dir, 'minutes.txt'), 'Board minutes\n\nThe board met on Monday.\n');
  writeFileSync(join(dir, 'budget.xlsx'), 'PK not a format Marginalia reads');
  writeFileSync(join(dir, 'scan.bmp'), 'not an image either');
  await library.open(server.url);
  await library.importFolder(dir);
  await expect(library.summary).toContainText('1 imported, 0 duplicates, 0 failed, 2 skipped (format not supported).');
  const skipped = library.summary.getByRole('list', { name: 'Files skipped: formats Marginalia does not import yet' }).getByRole('listitem');
  await expect(skipped).toHaveText([/budget\.xlsx: \.xlsx files are not imported \(yet\); Marginalia reads \.txt, .*\.tiff$/, /scan\.bmp: \.bmp files are not imported/]);
  await expect(library.documentLinks).toHaveText(['Board minutes']);
});
