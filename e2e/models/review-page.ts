import { expect, type Locator, type Page } from '@playwright/test';
import { LibraryPage } from './library-page';

/** The reviewer view (#/review/<id>): agreement, the layers side by side, gold. */
export class ReviewPage {
  readonly heading: Locator;
  readonly agreement: Locator;
  readonly agreementTable: Locator;
  readonly comparison: Locator;
  readonly rows: Locator;
  readonly progress: Locator;
  readonly exportGold: Locator;
  readonly relations: Locator;
  readonly relationRows: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: /^Review layers/ });
    this.agreement = page.getByRole('region', { name: 'Agreement' });
    this.agreementTable = this.agreement.getByRole('table');
    this.comparison = page.getByRole('table', { name: 'Where the layers agree and differ, in text order' });
    this.rows = this.comparison.locator('tbody tr');
    this.progress = page.locator('.review-bar [role="status"]');
    this.exportGold = page.getByRole('button', { name: 'Export gold…' });
    this.relations = page.getByRole('table', { name: 'Relations the layers drew, grouped by where both ends run' });
    this.relationRows = this.relations.locator('tbody tr');
  }

  /** The relations table's row between these two texts ("Mira Castellan → east quay"). */
  relationRow(between: string): Locator {
    return this.relationRows.filter({ has: this.page.locator('.relation-between', { hasText: between }) });
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

/**
 * Two annotators' mentions and relations (doccano files with entities and relations) in the
 * New Year Address, the reviewer named "Reviewer Li": alice has Mira working for the Harbour
 * Institute on the east quay; bob has her working for the "Institute of Marine Studies", and on the quay.
 */
export async function importRelationLayers(page: Page, serverUrl: string, docId: string, headers: Record<string, string>): Promise<void> {
  const api = (method: string, data: unknown) => page.request.post(`${new URL(serverUrl).origin}/api/${method}`, { headers, data });
  const { text } = ((await (await api('document.get', { id: docId })).json()) as { value: { text: string } }).value;
  const entity = (n: number, quote: string, label: string) => ({ id: n, start_offset: text.indexOf(quote), end_offset: text.indexOf(quote) + quote.length, label });
  const relation = (n: number, from: number, to: number, type: string) => ({ id: n, from_id: from, to_id: to, type });
  const layers = {
    alice: { entities: [entity(1, 'Mira Castellan', 'PERSON'), entity(2, 'Harbour Institute of Marine Studies', 'ORG'), entity(3, 'east quay', 'LOCATION')], relations: [relation(1, 1, 2, 'WORKS_FOR'), relation(2, 2, 3, 'LOCATED_IN')] },
    bob: { entities: [entity(1, 'Mira Castellan', 'PERSON'), entity(2, 'Institute of Marine Studies', 'ORG'), entity(3, 'east quay', 'LOCATION')], relations: [relation(1, 1, 2, 'WORKS_FOR'), relation(2, 1, 3, 'LOCATED_IN')] },
  };
  expect((await api('settings.update', { team: { user: 'Reviewer Li' } })).ok()).toBe(true);
  for (const [layer, line] of Object.entries(layers)) {
    expect((await api('annotations.import', { files: [{ name: `${layer}.jsonl`, content: `${JSON.stringify({ text, ...line })}\n` }], layer })).ok()).toBe(true);
  }
}

/**
 * Imports `file` (the New Year Address) into an empty archive, puts the two annotators' relation
 * layers on it (importRelationLayers) and opens its review, where three relation rows show:
 * the review page and the document's id.
 */
export async function openRelationReview(page: Page, serverUrl: string, file: string, headers: Record<string, string>): Promise<{ review: ReviewPage; id: string }> {
  const library = new LibraryPage(page);
  await library.open(serverUrl);
  await library.importFiles([file]);
  const href = await library.documentLinks.first().getAttribute('href');
  const id = /#\/doc\/([a-z0-9]+)/.exec(href ?? '')![1]!;
  await importRelationLayers(page, serverUrl, id, headers);
  await page.goto(`${serverUrl.replace(/#.*$/, '')}#/review/${id}`);
  const review = new ReviewPage(page);
  await expect(review.relationRows).toHaveCount(3);
  return { review, id };
}
