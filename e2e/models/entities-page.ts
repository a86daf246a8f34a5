import { expect, type Locator, type Page } from '@playwright/test';

/** Entity work as a user sees it: mentions and suggestions in the reader, the Entities view, an entity page. */
export class EntitiesPage {
  readonly mentionPopover: Locator;
  readonly tagAllDialog: Locator;
  readonly suggestionBar: Locator;
  readonly suggestionStatus: Locator;
  readonly heading: Locator;
  readonly table: Locator;
  readonly entityMentions: Locator;
  readonly sidebarMentions: Locator;

  constructor(readonly page: Page) {
    this.mentionPopover = page.getByRole('dialog', { name: 'Entity mention' });
    this.tagAllDialog = page.getByRole('dialog', { name: /^Tag “/ });
    this.suggestionBar = page.getByRole('region', { name: 'Suggestions' });
    this.suggestionStatus = this.suggestionBar.getByRole('status');
    this.heading = page.getByRole('heading', { level: 1 });
    this.table = page.getByRole('table');
    this.entityMentions = page.getByRole('region', { name: 'Mentions' }).getByRole('listitem');
    this.sidebarMentions = page.getByRole('list', { name: 'Entities in this document, with their mentions' }).getByRole('button');
  }

  /** The mark(s) of mentions with this label, in the article. */
  mentions(label?: string): Locator {
    return this.page.getByRole('article').locator(label ? `mark.mention[data-label="${label}"]` : 'mark.mention');
  }

  mentionWithText(text: string, label?: string): Locator {
    return this.mentions(label).filter({ hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) });
  }

  /** The Entities view's row of an entity, by its canonical name. */
  row(name: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('link', { name, exact: true }) });
  }

  async openEntities(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Entities' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Entities' })).toBeVisible();
  }
}
