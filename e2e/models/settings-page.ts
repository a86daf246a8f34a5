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

/** Settings → Inbox: the watched folder and what happens to imported files. */
export class InboxForm {
  readonly group: Locator;
  readonly folder: Locator;
  readonly save: Locator;
  readonly state: Locator;
  readonly recent: Locator;

  constructor(readonly page: Page) {
    this.group = page.getByRole('group', { name: 'Inbox', exact: true });
    this.folder = this.group.getByRole('textbox', { name: 'Inbox folder' });
    this.save = page.getByRole('button', { name: 'Save inbox' });
    this.state = page.getByRole('status', { name: 'Inbox state' });
    this.recent = this.group.getByRole('region', { name: 'Recently handled' });
  }

  async watch(folder: string): Promise<void> {
    await this.folder.fill(folder);
    await this.save.click();
    await expect(this.state).toHaveText(`Watching ${folder}`);
  }
}

/** Settings → Rules: the rule table, the form that adds one, and the preview over the library. */
export class RulesForm {
  readonly group: Locator;
  readonly table: Locator;
  readonly form: Locator;
  readonly status: Locator;
  readonly preview: Locator;

  constructor(readonly page: Page) {
    this.group = page.getByRole('group', { name: 'Rules', exact: true });
    this.table = this.group.getByRole('table').first();
    this.form = page.getByRole('form', { name: 'Add a rule' });
    this.status = page.getByRole('status', { name: 'Rules status' });
    this.preview = page.getByRole('region', { name: /^Running the rules would change/ });
  }

  async add(rule: { name: string; lookIn?: string; match?: string; pattern: string; tags?: string; collections?: string }): Promise<void> {
    await this.form.getByRole('textbox', { name: 'Name' }).fill(rule.name);
    if (rule.lookIn) await this.form.getByRole('combobox', { name: 'Look in' }).selectOption({ label: rule.lookIn });
    if (rule.match) await this.form.getByRole('combobox', { name: 'Match' }).selectOption({ label: rule.match });
    await this.form.getByRole('textbox', { name: 'Words, phrase or pattern' }).fill(rule.pattern);
    await this.form.getByRole('textbox', { name: 'Tags' }).fill(rule.tags ?? '');
    await this.form.getByRole('textbox', { name: 'Collections' }).fill(rule.collections ?? '');
    await this.form.getByRole('button', { name: 'Add rule' }).click();
  }
}
