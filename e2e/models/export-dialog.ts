import { readFile } from 'node:fs/promises';
import { expect, type Download, type Locator, type Page } from '@playwright/test';
import yauzl from 'yauzl';

export type FormatName = 'Markdown' | 'W3C Web Annotation' | 'brat standoff' | 'CoNLL IOB2' | 'doccano JSONL' | 'CSV of mentions';

/** The Export dialog: the formats, what is exported, the Export button and its outcome. */
export class ExportDialog {
  readonly dialog: Locator;
  readonly scope: Locator;
  readonly exportButton: Locator;
  readonly closeButton: Locator;
  readonly status: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Export' });
    this.scope = this.dialog.locator('.export-scope');
    this.exportButton = this.dialog.getByRole('button', { name: 'Export', exact: true });
    this.closeButton = this.dialog.getByRole('button', { name: 'Close' });
    this.status = this.dialog.getByRole('status');
    this.error = this.dialog.getByRole('alert');
  }

  format(name: FormatName): Locator {
    return this.dialog.getByRole('radio', { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) });
  }

  /** Chooses the format, presses Export and answers the download once saved. */
  async export(name: FormatName): Promise<{ download: Download; bytes: Buffer }> {
    await this.format(name).check();
    const downloading = this.page.waitForEvent('download');
    await this.exportButton.click();
    const download = await downloading;
    const path = await download.path();
    await expect(this.status).toContainText(`Downloaded ${download.suggestedFilename()}`);
    return { download, bytes: await readFile(path) };
  }
}

/** The entries of a zip, name → text. */
export function unzipText(bytes: Buffer): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      const files = new Map<string, string>();
      zip.on('error', reject);
      zip.on('end', () => resolve(files));
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (err, stream) => {
          if (err) return reject(err);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}
