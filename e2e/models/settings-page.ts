import { expect, type Locator, type Page } from '@playwright/test';

/** Settings → Import: the archive's limits on one imported file. */
export class ImportLimitsForm {
  readonly group: Locator;
  readonly largestFile: Locator;
  readonly readTimeout: Locator;
  readonly save: Locator;
  readonly status: Locator;

  constructor(readonly page: Page) {
    this.group = page.getByRole('group', { name: 'Import', exact: true });
    this.largestFile = this.group.getByRole('spinbutton', { name: 'Largest file (MB)' });
    this.readTimeout = this.group.getByRole('spinbutton', { name: 'Stop reading a file after (seconds)' });
    this.save = page.getByRole('button', { name: 'Save import limits' });
    this.status = page.getByRole('status', { name: 'Import limits status' });
  }

  async setLargestFile(mb: number): Promise<void> {
    await this.largestFile.fill(String(mb));
    await this.save.click();
    await expect(this.status).toHaveText('Import limits saved');
  }
}
