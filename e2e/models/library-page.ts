import { expect, type Locator, type Page } from '@playwright/test';

export type Column = 'Title' | 'Imported' | 'Size' | 'Type';

/** The library as a user sees it: the table of documents, the import controls and their status. */
export class LibraryPage {
  readonly heading: Locator;
  readonly emptyState: Locator;
  readonly chooseFiles: Locator;
  readonly fileInput: Locator;
  readonly progress: Locator;
  readonly summary: Locator;
  readonly table: Locator;
  readonly documentLinks: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Library' });
    this.emptyState = page.getByRole('region', { name: 'Your archive is empty' });
    this.chooseFiles = page.getByRole('button', { name: 'Choose files…' });
    // Visually hidden, so not in the accessibility tree's visible part; found by its label all the same.
    this.fileInput = page.getByLabel('Files to import');
    this.progress = page.getByRole('progressbar', { name: 'Import progress' });
    this.summary = page.getByRole('region', { name: 'Import summary' });
    this.table = page.getByRole('table');
    this.documentLinks = this.table.getByRole('link');
  }

  /** Opens the address marginalia serve printed (the token becomes a cookie, then the page loads). */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.heading).toBeVisible();
  }

  async importFiles(paths: string[]): Promise<void> {
    await this.fileInput.setInputFiles(paths);
    await expect(this.summary).toBeVisible();
  }

  document(title: string): Locator {
    return this.table.getByRole('link', { name: title, exact: true });
  }

  async titles(): Promise<string[]> {
    return this.documentLinks.allInnerTexts();
  }

  /** The file each listed document came from, in the order shown (the link's tooltip). */
  async sourceNames(): Promise<string[]> {
    return this.documentLinks.evaluateAll((links) => links.map((link) => link.getAttribute('title') ?? ''));
  }

  columnHeader(column: Column): Locator {
    return this.table.getByRole('columnheader', { name: column, exact: true });
  }

  async sortBy(column: Column): Promise<void> {
    await this.columnHeader(column).getByRole('button').click();
  }
}
