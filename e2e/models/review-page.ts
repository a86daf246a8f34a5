import { expect, type Locator, type Page } from '@playwright/test';

/** The reviewer view (#/review/<id>): agreement, the layers side by side, gold. */
export class ReviewPage {
  readonly heading: Locator;
  readonly agreement: Locator;
  readonly agreementTable: Locator;
  readonly comparison: Locator;
  readonly rows: Locator;
  readonly progress: Locator;
  readonly exportGold: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: /^Review layers/ });
    this.agreement = page.getByRole('region', { name: 'Agreement' });
    this.agreementTable = this.agreement.getByRole('table');
    this.comparison = page.getByRole('table', { name: 'Where the layers agree and differ, in text order' });
    this.rows = this.comparison.locator('tbody tr');
    this.progress = page.locator('.review-bar [role="status"]');
    this.exportGold = page.getByRole('button', { name: 'Export gold…' });
  }

  row(text: string): Locator {
    return this.rows.filter({ has: this.page.locator('.review-stretch', { hasText: text }) });
  }

  /** The agreement table's row of one label group and pair ("All labels", "alice – bob"). */
  async figures(group: string): Promise<string[]> {
    const row = this.agreementTable.locator('tbody tr').filter({ has: this.page.locator('th', { hasText: group }) });
    await expect(row).toHaveCount(1);
    return row.locator('th, td').allInnerTexts();
  }
}

/** Puts annotators' mentions ([quote, label]) into their layers of a document through the API (as doccano files). */
export async function importLayers(page: Page, serverUrl: string, docId: string, layers: Record<string, [string, string][]>, headers: Record<string, string>): Promise<void> {
  const api = (method: string, data: unknown) => page.request.post(`${new URL(serverUrl).origin}/api/${method}`, { headers, data });
  const { text } = ((await (await api('document.get', { id: docId })).json()) as { value: { text: string } }).value;
  for (const [layer, spans] of Object.entries(layers)) {
    const label = spans.map(([quote, name]) => {
      const start = text.indexOf(quote);
      if (start < 0) throw new Error(`${quote} is not in the document`);
      return [start, start + quote.length, name];
    });
    const answer = await api('annotations.import', { files: [{ name: `${layer}.jsonl`, content: `${JSON.stringify({ text, label })}\n` }], layer });
    expect(answer.ok()).toBe(true);
  }
}
