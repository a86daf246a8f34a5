import type { Locator, Page } from '@playwright/test';

/** One document open in the reader. */
export class ReaderPage {
  readonly title: Locator;
  readonly article: Locator;
  readonly paragraphs: Locator;
  readonly renameButton: Locator;
  readonly titleInput: Locator;
  readonly backToLibrary: Locator;
  readonly metadata: Locator;

  constructor(readonly page: Page) {
    this.title = page.getByRole('heading', { level: 1 });
    this.article = page.getByRole('article');
    this.paragraphs = this.article.getByRole('paragraph');
    this.renameButton = page.getByRole('button', { name: 'Rename' });
    this.titleInput = page.getByRole('textbox', { name: 'Document title' });
    this.backToLibrary = page.getByRole('link', { name: 'Library' });
    this.metadata = page.getByRole('definition');
  }

  async rename(title: string): Promise<void> {
    await this.renameButton.click();
    await this.titleInput.fill(title);
    await this.titleInput.press('Enter');
  }
}
