import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiHeaders, expect, fixtureFile, screenshotPath, test } from './fixtures';
import { ExportDialog } from './models/export-dialog';
import { LibraryPage } from './models/library-page';
import { ReaderPage } from './models/reader-page';
import { openRelationReview, ReviewPage } from './models/review-page';

/**
 * Issue #18 in one desktop archive: two annotators' files come in as their layers, the
 * reviewer sees their agreement and where they differ, curates gold by keyboard and exports it.
 */
test('layers: import two annotators, review agreement, curate two spans into gold by keyboard, export gold', async ({ page, server }) => {
  const library = new LibraryPage(page);
  await library.open(server.url);
  await library.importFiles([fixtureFile('address-en.txt')]);
  const href = await library.documentLinks.first().getAttribute('href');
  const id = /#\/doc\/([a-z0-9]+)/.exec(href ?? '')![1]!;
  const answer = await page.request.post(`${new URL(server.url).origin}/api/document.get`, { headers: apiHeaders(server.url), data: { id } });
  const { text } = ((await answer.json()) as { value: { text: string } }).value;
  const at = (quote: string, label: string): [number, number, string] => {
    const start = text.indexOf(quote);
    expect(start, quote).toBeGreaterThanOrEqual(0);
    return [start, start + quote.length, label];
  };
  const dir = await mkdtemp(join(tmpdir(), 'marginalia-layers-'));
  // alice and bob differ by boundary (the institute), by label (the quay), agree on the director; bob adds a date
  await writeFile(join(dir, 'alice.jsonl'), `${JSON.stringify({ text, label: [at('Harbour Institute of Marine Studies', 'ORG'), at('east quay', 'LOCATION'), at('Mira Castellan', 'PERSON')] })}\n`);
  await writeFile(join(dir, 'bob.jsonl'), `${JSON.stringify({ text, label: [at('Institute of Marine Studies', 'ORG'), at('east quay', 'ORG'), at('Mira Castellan', 'PERSON'), at('January 1, 2025', 'DATE')] })}\n`);

  // The reviewer names themself (Settings → Team), so the imported layers are others'.
  await page.goto(`${server.url.replace(/#.*$/, '')}#/settings`);
  const team = page.getByRole('group', { name: 'Your layer' });
  await team.getByLabel('Your name').fill('Reviewer Li');
  await page.getByRole('button', { name: 'Save your name' }).click();
  await expect(page.getByRole('status', { name: 'Your layer status' })).toHaveText('Saved');

  await page.evaluate("window.location.hash = '#/'");
  await expect(library.documentLinks).toHaveCount(1);
  const summary = page.getByRole('region', { name: 'Annotation import' });
  for (const [name, count] of [['alice', 3], ['bob', 4]] as const) {
    await page.getByLabel('Into layer').fill(name);
    await page.getByLabel('Annotations to import').setInputFiles(join(dir, `${name}.jsonl`));
    await expect(summary).toContainText(`${name}.jsonl (doccano): imported ${count}, skipped 0`);
  }

  // The reader: the reviewer's own layer is empty; the annotators' mentions show read-only on request.
  await library.documentLinks.first().click();
  const article = page.getByRole('article');
  await expect(article).toBeVisible();
  await expect(article.locator('mark[data-label]')).toHaveCount(0);
  await page.getByRole('button', { name: 'Show other layers' }).click();
  await expect(article.locator('mark.mention-other[data-layer="bob"][data-label="DATE"]')).toHaveText('January 1, 2025');
  await expect(article.locator('mark.mention-other[data-annotation-id]')).toHaveCount(0);
  await article.getByText('Mira Castellan').scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('layers-reader-others') });
  await page.getByRole('link', { name: 'Review layers' }).click();

  const review = new ReviewPage(page);
  await expect(review.heading).toBeVisible();
  await expect(review.rows).toHaveCount(4);
  await expect(review.row('Harbour Institute of Marine Studies')).toHaveAttribute('data-status', 'boundary');
  await expect(review.row('east quay')).toHaveAttribute('data-status', 'label');
  await expect(review.row('Mira Castellan')).toHaveAttribute('data-status', 'agreed');
  await expect(review.row('January 1, 2025')).toContainText('Missing in alice');
  // Span F1 counted by hand: exact 1 of alice's 3 and bob's 4 (2/7); overlap 2 (4/7).
  const all = await review.figures('All labels');
  expect(all.slice(2)).toEqual(['alice – bob', expect.stringMatching(/^0\.\d{3}$/), expect.stringMatching(/%$/), '0.286', '0.571', '0.250 / 0.333']);
  await expect(review.agreementTable).toContainText('Person');

  // Keyboard: on the first row, 2 takes bob's institute, and the focus moves on; 1 takes alice's quay.
  await review.rows.first().focus();
  await page.keyboard.press('2');
  await expect(review.row('Harbour Institute of Marine Studies').locator('.review-gold .version-chip')).toHaveText(/Institute of Marine Studies/);
  await expect(review.row('east quay')).toBeFocused();
  await page.keyboard.press('1');
  await expect(review.row('east quay').locator('.review-gold .version-label')).toHaveText('Location');
  await expect(review.progress).toHaveText('2 of 4 stretches in gold');
  await expect(review.row('Mira Castellan')).toBeFocused();
  await page.screenshot({ path: screenshotPath('layers-review'), fullPage: true });
  // Over all documents: the same pair, and a table per document.
  await review.agreement.getByRole('radio', { name: 'All documents' }).check();
  await expect(review.agreement.getByRole('table', { name: 'Per document (1)' })).toContainText('New Year Address');

  // An edit of gold beyond the annotators' versions: in the reader, tagging goes into gold while the banner says so.
  await page.getByRole('button', { name: 'Edit gold in the reader' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'You are editing the gold layer' })).toBeVisible();
  const reader = new ReaderPage(page);
  await expect(reader.article.locator('mark[data-annotation-id][data-label]')).toHaveCount(2);
  await reader.dragSelect('Castellan');
  await page.keyboard.press('1');
  await expect(reader.article.locator('mark[data-annotation-id][data-label="PERSON"]')).toHaveText('Castellan');
  await page.screenshot({ path: screenshotPath('layers-edit-gold') });
  await page.getByRole('link', { name: 'Review layers' }).click();
  await expect(review.row('Mira Castellan').locator('.review-gold .version-chip')).toHaveText(/Castellan/);
  await expect(review.progress).toHaveText('3 of 4 stretches in gold');

  // Gold exports like any other layer: CoNLL of this document, gold only.
  await review.exportGold.click();
  const dialog = new ExportDialog(page);
  await expect(dialog.dialog.getByLabel('Layer')).toHaveValue('gold');
  await page.screenshot({ path: screenshotPath('layers-export-gold') });
  const { bytes } = await dialog.export('CoNLL IOB2');
  const conll = bytes.toString('utf8');
  expect(conll).toContain('Harbour\tO');
  expect(conll).toContain('Institute\tB-ORG');
  expect(conll).toContain('east\tB-LOCATION');
  expect(conll).toContain('Mira\tO');
  expect(conll).toContain('Castellan\tB-PERSON');
  expect(conll).not.toContain('DATE');
});

/** Relations (#18): each layer's relations side by side, curated into gold by keyboard and by mouse, every step undoable. */
test('layers: review relations, curate them into gold, undo and redo', async ({ page, server }) => {
  const { review, id } = await openRelationReview(page, server.url, fixtureFile('address-en.txt'), apiHeaders(server.url));
  await expect(review.relationRow('Harbour Institute of Marine Studies → east quay')).toHaveAttribute('data-status', 'missing');
  await expect(review.relationRow('Mira Castellan → Harbour')).toHaveAttribute('data-status', 'boundary');
  await expect(review.relationRow('Mira Castellan → east quay')).toContainText('Missing in alice');
  // Relation F1 by hand: no relation matches exactly; by overlap Works for does (1 of 2 each way): 0.5.
  const figures = page.getByRole('table', { name: /^Relations between layers/ }).locator('tbody tr').first();
  await expect(figures.locator('th, td')).toHaveText(['All relation types', '2 / 2', 'alice – bob', '0.000', '0.500', '0.000 / 0.000']);

  // 2 on Works for takes bob's relation, and bob's two mentions come along into gold.
  const worksFor = review.relationRow('Mira Castellan → Harbour');
  await worksFor.focus();
  await page.keyboard.press('2');
  await expect(worksFor.locator('.review-gold .version-chip')).toHaveText(/Mira Castellan → Institute of Marine Studies\s*Works for/);
  await expect(review.progress).toHaveText('2 of 3 stretches in gold');
  // Ctrl+Z takes the whole step back (relation and mentions); Ctrl+Shift+Z does it again.
  await page.keyboard.press('Control+z');
  await expect(review.progress).toHaveText('0 of 3 stretches in gold');
  await expect(worksFor.locator('.review-gold')).toHaveText('—');
  await page.keyboard.press('Control+Shift+z');
  await expect(review.progress).toHaveText('2 of 3 stretches in gold');

  // Gold's type changed, then undone.
  const type = worksFor.getByRole('combobox', { name: /^Gold type of Mira Castellan → Institute of Marine Studies/ });
  await type.selectOption({ label: 'Related to' });
  await expect(worksFor.locator('.review-gold .version-label')).toHaveText('Related to');
  await worksFor.focus();
  await page.keyboard.press('Control+z');
  await expect(worksFor.locator('.review-gold .version-label')).toHaveText('Works for');
  // Removed from gold, and back.
  await worksFor.getByRole('button', { name: /^Remove the relation Mira Castellan → Institute of Marine Studies/ }).click();
  await expect(worksFor.locator('.review-gold')).toHaveText('—');
  await page.keyboard.press('Control+z');
  await expect(worksFor.locator('.review-gold .version-label')).toHaveText('Works for');

  // alice's Located in joins gold's institute (bob's version, already chosen) and brings her east quay.
  const located = review.relationRow('Harbour Institute of Marine Studies → east quay');
  await located.getByRole('button', { name: /^Accept alice’s relation/ }).click();
  await expect(located.locator('.review-gold .version-chip')).toHaveText(/Institute of Marine Studies → east quay\s*Located in/);
  await expect(review.progress).toHaveText('3 of 3 stretches in gold');
  const dismiss = page.locator('.toast-dismiss');
  while ((await dismiss.count()) > 0) await dismiss.first().click();
  await review.relations.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('layers-review-relations'), fullPage: true });

  // Signed in as an annotator (the role sign-in keeps in sync/state.json): gold is read-only, in the view and in the core.
  await mkdir(join(server.archiveDir, 'sync'), { recursive: true });
  await writeFile(join(server.archiveDir, 'sync', 'state.json'), JSON.stringify({ version: 1, cursor: 0, records: {}, conflicts: [], user: 'Reviewer Li', role: 'annotator' }));
  await page.reload();
  await expect(page.getByText('Gold is read-only to Reviewer Li (signed in as an annotator)')).toBeVisible();
  await expect(review.relations.getByRole('button')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Edit gold in the reader' })).toHaveCount(0);
  await page.screenshot({ path: screenshotPath('layers-review-annotator') });
  const api = (method: string, data: unknown) => page.request.post(`${new URL(server.url).origin}/api/${method}`, { headers: apiHeaders(server.url), data });
  const list = ((await (await api('annotations.list', { docId: id })).json()) as { value: { id: string; author?: string; kind: string }[] }).value;
  for (const author of ['gold', 'alice']) {
    const answer = await api('annotations.delete', { docId: id, id: list.find((a) => a.author === author && a.kind === 'relation')!.id });
    expect(answer.status()).toBe(403);
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('read_only');
  }
});
