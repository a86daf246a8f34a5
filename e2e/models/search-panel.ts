import { expect, type Locator, type Page } from '@playwright/test';

/** The library's search: the box, the ranked results with marked snippets, saved searches. */
export class SearchPanel {
  readonly box: Locator;
  readonly results: Locator;
  readonly resultLinks: Locator;
  readonly count: Locator;
  readonly marks: Locator;
  readonly savedSearches: Locator;

  constructor(readonly page: Page) {
    this.box = page.getByRole('searchbox', { name: 'Search documents' });
    this.results = page.getByRole('region', { name: 'Search results' });
    this.resultLinks = this.results.getByRole('listitem').getByRole('link');
    this.count = this.results.getByRole('status').first();
    this.marks = this.results.locator('mark');
    this.savedSearches = page.getByRole('region', { name: 'Saved searches' });
  }

  async search(query: string): Promise<void> {
    await this.box.fill(query);
    await expect(this.count).toContainText(`“${query}”`);
  }

  result(title: string | RegExp): Locator {
    return this.resultLinks.filter({ hasText: title });
  }

  async save(name: string): Promise<void> {
    await this.results.getByRole('button', { name: 'Save search…' }).click();
    const field = this.results.getByRole('textbox', { name: 'Name of the saved search' });
    await field.fill(name);
    await field.press('Enter');
    await expect(this.savedSearches.getByRole('button', { name, exact: true })).toBeVisible();
  }

  savedSearch(name: string): Locator {
    return this.savedSearches.getByRole('button', { name, exact: true });
  }
}
