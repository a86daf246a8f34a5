import { expect, type Locator, type Page } from '@playwright/test';

export type Column = 'Title' | 'Date' | 'Imported' | 'Size' | 'Type';

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
  readonly folderInput: Locator;
  readonly cancelImport: Locator;
  readonly filters: Locator;
  readonly sidebar: Locator;
  readonly bulkActions: Locator;
  readonly detailsDialog: Locator;
  readonly count: Locator;

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
    this.folderInput = page.getByLabel('Folder to import');
    this.cancelImport = page.getByRole('button', { name: 'Cancel', exact: true });
    this.filters = page.getByRole('region', { name: 'Filters' });
    this.sidebar = page.getByRole('complementary', { name: 'Saved searches, collections and tags' });
    this.bulkActions = page.getByRole('region', { name: 'Bulk actions' });
    this.detailsDialog = page.getByRole('dialog');
    this.count = page.locator('.library-count');
  }

  /** Imports without waiting for the summary (for watching progress or cancelling). */
  async startImport(paths: string[]): Promise<void> {
    await this.fileInput.setInputFiles(paths);
  }

  async importFolder(dir: string): Promise<void> {
    await this.folderInput.setInputFiles(dir);
    await this.importFinished();
  }

  /**
   * Waits for the run to end: its summary shows. A run is one step per file, and the user sees
   * each (the count of files done moves), so the expect budget holds for each step and not for
   * the whole run: eight files with PDFs, beside the OCR the scanned one starts, took longer than
   * one budget on a loaded machine while still moving ("Importing 6 of 8 files").
   */
  async importFinished(): Promise<void> {
    let done: string | null = null;
    for (;;) {
      const moved: Locator = this.progress.and(this.page.locator(done === null ? '[aria-valuenow]' : `:not([aria-valuenow="${done}"])`));
      await expect(this.summary.or(moved).first()).toBeVisible();
      if (await this.summary.isVisible()) return;
      // Read without waiting: the bar goes away once the last file is in.
      const [now] = await this.progress.evaluateAll((bars) => bars.map((bar) => bar.getAttribute('aria-valuenow')));
      if (now != null) done = now;
    }
  }

  /** The data rows of the table (spacer rows are hidden from the accessibility tree). */
  rows(): Locator {
    return this.table.getByRole('rowgroup').last().getByRole('row');
  }

  /** The table row of the document with this title. */
  row(title: string): Locator {
    return this.rows().filter({ has: this.page.getByRole('link', { name: title, exact: true }) });
  }

  /** A chip in the filter bar, e.g. filterChip('Type', 'PDF'). */
  filterChip(group: 'Type' | 'Language', label: string): Locator {
    return this.filters.getByRole('group', { name: group }).getByRole('button', { name: new RegExp(`^${label} \\d+$`) });
  }

  selectBox(title: string): Locator {
    return this.table.getByRole('checkbox', { name: `Select “${title}”` });
  }

  async openDetails(title: string): Promise<void> {
    await this.table.getByRole('button', { name: `Details of “${title}”` }).click();
    await expect(this.detailsDialog).toBeVisible();
  }

  /** A tag in the sidebar's tree, by its last segment ("national" for policy/national). */
  tag(name: string): Locator {
    return this.sidebar.getByRole('region', { name: 'Tags' }).getByRole('button', { name: new RegExp(`^${name} \\d+$`) });
  }

  collection(name: string): Locator {
    return this.sidebar.getByRole('region', { name: 'Collections' }).getByRole('button', { name: new RegExp(`^${name} \\d+$`) });
  }

  /** Opens the address marginalia serve printed (the token becomes a cookie, then the page loads). */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.heading).toBeVisible();
    // The list has loaded (empty state or table): before that, the import controls may be replaced.
    await expect(this.emptyState.or(this.table).first()).toBeVisible();
  }

  async importFiles(paths: string[]): Promise<void> {
    await this.fileInput.setInputFiles(paths);
    await this.importFinished();
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
