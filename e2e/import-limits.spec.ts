import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { LibraryPage } from './models/library-page';
import { ImportLimitsForm } from './models/settings-page';
import { ShellPage } from './models/shell-page';

test('the largest file set in Settings → Import is kept and refuses a larger file by name', async ({ page, server }) => {
  const library = new LibraryPage(page);
  const shell = new ShellPage(page);
  const limits = new ImportLimitsForm(page);
  await library.open(server.url);
  await shell.openSettings();
  // The archive's defaults until something is saved.
  await expect(limits.largestFile).toHaveValue('200');
  await expect(limits.readTimeout).toHaveValue('60');

  await limits.setLargestFile(1);
  await page.reload();
  await expect(limits.largestFile).toHaveValue('1');
  await expect(limits.readTimeout).toHaveValue('60');

  const big = join(mkdtempSync(join(tmpdir(), 'marginalia-e2e-limits-')), 'big-memo.txt');
  writeFileSync(big, 'The harbour dredging budget, line by line.\n'.repeat(Math.ceil((1.5 * 1048576) / 43)));
  await page.getByRole('link', { name: 'Library' }).click();
  await expect(library.emptyState).toBeVisible();
  await library.importFiles([big]);
  await expect(library.summary).toContainText('0 imported, 0 duplicates, 1 failed');
  const toast = shell.errorToast('big-memo.txt');
  await expect(toast).toContainText('the limit is 1 MB');
  await expect(library.emptyState).toBeVisible();
  await expect(library.documentLinks).toHaveCount(0);
});
