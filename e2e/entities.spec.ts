import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, fixtureFile, ROOT, screenshotPath, test, type Server } from './fixtures';
import { EntitiesPage } from './models/entities-page';
import { LibraryPage } from './models/library-page';
import { ReaderPage } from './models/reader-page';

const REPORT = [
  'Cooperation report',
  '',
  'On behalf of the Guangzhou Institutes of Biomedicine and Health (GIBH), Chinese Academy of Sciences (CAS), I thank Maurice Wilkins for his visit.',
  '',
  'The Chinese Academy of Sciences funded 12 million yuan on January 1, 2024. CAS and GIBH will work with the Chinese Academy of Sciences again.',
  '',
  '广州生物医药与健康研究院是中国科学院的研究所。中国科学院支持了这项研究。',
  '',
].join('\n');
const TITLE = 'Cooperation report';

interface CliEntity {
  id: string;
  entity: string;
  label: string;
  aliases: string[];
  mentions: number;
  documents: number;
}

/** The CLI reads the archive while serve holds it. */
function cliEntities(server: Server): CliEntity[] {
  const out = execFileSync(process.execPath, [join(ROOT, 'bin', 'marginalia.mjs'), '--archive', server.archiveDir, 'entities', '--json'], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(out) as CliEntity[];
}

/** Imports the report (and optionally more files), opens the report in the reader. */
async function openReport(page: Page, server: Server, more: string[] = []): Promise<{ reader: ReaderPage; entities: EntitiesPage; library: LibraryPage }> {
  const dir = await mkdtemp(join(tmpdir(), 'marginalia-entities-'));
  const file = join(dir, 'cooperation-report.txt');
  await writeFile(file, REPORT);
  const library = new LibraryPage(page);
  const reader = new ReaderPage(page);
  await library.open(server.url);
  await library.importFiles([file, ...more]);
  await library.document(TITLE).click();
  await expect(reader.article).toBeVisible();
  return { reader, entities: new EntitiesPage(page), library };
}

/** Drag-selects a phrase and presses a label key. */
async function tag(reader: ReaderPage, phrase: string, key: string): Promise<void> {
  await reader.dragSelect(phrase);
  await reader.page.keyboard.press(key);
}

test('select + 2 tags ORG snapped to words; relabel in the popover; undo/redo; tag all in the document; the CLI sees it', async ({ page, server }) => {
  const { reader, entities } = await openReport(page, server);
  // A sloppy drag inside the words: the core snaps it to "Chinese Academy of Sciences".
  await tag(reader, 'hinese Academy of Scienc', '2');
  const cas = entities.mentionWithText('Chinese Academy of Sciences', 'ORG');
  await expect(cas).toHaveCount(1);
  const id = await cas.getAttribute('data-annotation-id');

  await cas.click();
  await expect(entities.mentionPopover).toBeVisible();
  await entities.mentionPopover.getByRole('button', { name: 'Relabel as Location (3)' }).click();
  await expect(entities.mentionWithText('Chinese Academy of Sciences', 'LOCATION')).toHaveAttribute('data-annotation-id', id!);
  await page.keyboard.press('2'); // keys 1–9 relabel while the popover is open
  await expect(entities.mentionWithText('Chinese Academy of Sciences', 'ORG')).toHaveCount(1);
  await page.keyboard.press('Escape');

  await reader.undo();
  await expect(entities.mentions('LOCATION')).toHaveCount(1);
  await reader.undo();
  await expect(entities.mentions('ORG')).toHaveCount(1);
  await reader.undo();
  await expect(entities.mentions()).toHaveCount(0);
  await reader.redo();
  await expect(entities.mentionWithText('Chinese Academy of Sciences', 'ORG')).toHaveAttribute('data-annotation-id', id!);
  await reader.redo();
  await expect(entities.mentions('LOCATION')).toHaveCount(1);
  await reader.redo();
  await expect(entities.mentions('ORG')).toHaveCount(1);

  // Mentions and highlights together, nested: a highlight around a PERSON mention, a Chinese ORG.
  await reader.highlight('I thank Maurice Wilkins for his visit');
  await tag(reader, 'Maurice Wilkins', '1');
  await expect(entities.mentionWithText('Maurice Wilkins', 'PERSON')).toHaveCount(1);
  await expect(page.locator('mark.hl mark.mention[data-label="PERSON"]')).toHaveCount(1);
  await tag(reader, '广州生物医药与健康研究院', '2');
  await expect(entities.mentionWithText('广州生物医药与健康研究院', 'ORG')).toHaveCount(1);
  await expect(entities.sidebarMentions).toHaveCount(3);
  await page.mouse.click(5, 5);
  await page.screenshot({ path: screenshotPath('entities-reader') });

  // Tag all in this document: a preview with both other occurrences, all ticked.
  await entities.mentionWithText('Chinese Academy of Sciences', 'ORG').click();
  await entities.mentionPopover.getByRole('button', { name: 'Tag all in this document' }).click();
  await expect(entities.tagAllDialog).toBeVisible();
  await expect(entities.tagAllDialog.getByRole('status')).toHaveText(/^2 untagged occurrences/);
  await expect(entities.tagAllDialog.getByRole('checkbox')).toHaveCount(2);
  await expect(entities.tagAllDialog.getByRole('checkbox').first()).toBeChecked();
  await page.screenshot({ path: screenshotPath('entities-tag-all') });
  await entities.tagAllDialog.getByRole('button', { name: 'Tag 2 occurrences' }).click();
  await expect(entities.tagAllDialog).toBeHidden();
  await expect(entities.mentionWithText('Chinese Academy of Sciences', 'ORG')).toHaveCount(3);

  const rows = cliEntities(server);
  expect(rows.find((r) => r.entity === 'Chinese Academy of Sciences')).toMatchObject({ label: 'ORG', mentions: 3, documents: 1 });
  expect(rows.find((r) => r.entity === 'Maurice Wilkins')).toMatchObject({ label: 'PERSON', mentions: 1 });
});

test('the Entities view counts, the entity page lists mentions and opens the reader at one; alias, merge, filter the library', async ({ page, server }) => {
  const { reader, entities, library } = await openReport(page, server, [fixtureFile('address-en.txt')]);
  await tag(reader, 'Chinese Academy of Sciences', '2');
  await expect(entities.mentions('ORG')).toHaveCount(1);
  await tag(reader, 'CAS', '2');
  await expect(entities.mentions('ORG')).toHaveCount(2);
  await tag(reader, '中国科学院', '2');
  await expect(entities.mentions('ORG')).toHaveCount(3);

  await reader.backToLibrary.click();
  await entities.openEntities();
  await expect(entities.row('Chinese Academy of Sciences').getByRole('cell')).toHaveText(['', 'ORG', 'Chinese Academy of Sciences', '', '1', '1', 'Delete…']);
  await expect(entities.row('CAS')).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search entities' }).fill('中国');
  await expect(entities.table.getByRole('row')).toHaveCount(2); // header + 中国科学院
  await page.getByRole('searchbox', { name: 'Search entities' }).fill('');

  // Merge CAS and 中国科学院 into the Chinese Academy of Sciences.
  await entities.row('Chinese Academy of Sciences').getByRole('checkbox').check();
  await entities.row('CAS').getByRole('checkbox').check();
  await entities.row('中国科学院').getByRole('checkbox').check();
  await page.getByRole('button', { name: /^Merge 3 selected/ }).click();
  const merge = page.getByRole('dialog', { name: 'Merge 3 entities' });
  await merge.getByRole('radio', { name: /^Chinese Academy of Sciences/ }).check();
  await merge.getByRole('button', { name: 'Merge' }).click();
  await expect(merge).toBeHidden();
  await expect(entities.row('Chinese Academy of Sciences').getByRole('cell')).toHaveText(['', 'ORG', 'Chinese Academy of Sciences', 'CAS, 中国科学院', '3', '1', 'Delete…']);
  await page.screenshot({ path: screenshotPath('entities-view') });

  // The entity page: an alias, the mentions in context, one click to the reader.
  await entities.row('Chinese Academy of Sciences').getByRole('link').click();
  await expect(entities.heading).toHaveText('Chinese Academy of Sciences');
  await page.getByRole('textbox', { name: 'New alias' }).fill('Academia Sinica');
  await page.getByRole('button', { name: 'Add alias' }).click();
  await expect(page.getByRole('list', { name: 'Aliases' }).getByRole('listitem')).toHaveText(['CAS×', '中国科学院×', 'Academia Sinica×']);
  await expect(entities.entityMentions).toHaveCount(3);
  await expect(entities.entityMentions.nth(2)).toContainText('中国科学院');
  await page.screenshot({ path: screenshotPath('entities-entity-page') });
  expect(cliEntities(server).find((r) => r.entity === 'Chinese Academy of Sciences')?.aliases).toEqual(['CAS', '中国科学院', 'Academia Sinica']);

  const zh = entities.entityMentions.nth(2).getByRole('link');
  await zh.click();
  await expect(page).toHaveURL(/#\/doc\/[a-z0-9]+\?annotation=[a-z0-9]+/);
  const annotationId = new URL(page.url()).hash.split('annotation=')[1]!;
  const target = page.locator(`mark[data-annotation-id="${annotationId}"]`);
  await expect(target).toHaveText('中国科学院');
  await expect(target).toHaveClass(/flash/);
  await expect(target).toBeInViewport();

  // Documents mentioning it: the library filtered by the entity, shown as a removable chip.
  await page.goBack();
  await expect(entities.heading).toHaveText('Chinese Academy of Sciences');
  await page.getByRole('button', { name: 'Documents mentioning this entity' }).click();
  await expect(library.heading).toBeVisible();
  const chip = library.filters.getByRole('button', { name: 'Remove entity filter ORG: Chinese Academy of Sciences' });
  await expect(chip).toBeVisible();
  await expect(library.documentLinks).toHaveText([TITLE]);
  await library.page.getByRole('searchbox', { name: 'Search documents' }).fill('institute');
  await expect(page.getByRole('link', { name: 'New Year Address from the Harbour Institute of Marine Studies' })).toHaveCount(0);
  await library.page.getByRole('searchbox', { name: 'Search documents' }).fill('');
  await chip.click();
  await expect(library.documentLinks).toHaveCount(2);
});

test('suggestions: s shows them, j walks, Enter accepts, x rejects and the rejection lasts', async ({ page, server }) => {
  const { reader, entities } = await openReport(page, server);
  await tag(reader, '中国科学院', '2');
  await expect(entities.mentions('ORG')).toHaveCount(1);
  await page.mouse.click(5, 5);

  await page.keyboard.press('s');
  await expect(entities.suggestionBar).toBeVisible();
  await expect(page.locator('mark.suggestion').first()).toBeVisible();
  await page.keyboard.press('j');
  await expect(entities.suggestionStatus).toContainText('— Enter to accept, x to reject');
  await expect(page.locator('mark.suggestion-current').first()).toBeInViewport();
  await page.screenshot({ path: screenshotPath('entities-suggestions') });

  const [label, text] = parse(await entities.suggestionStatus.innerText());
  await page.keyboard.press('Enter');
  await expect(entities.mentionWithText(text, label)).toHaveCount(1);

  await expect(entities.suggestionStatus).toContainText('— Enter to accept, x to reject');
  const [, rejected] = parse(await entities.suggestionStatus.innerText());
  const suggested = (name: string) => page.locator('mark.suggestion').filter({ hasText: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) });
  await expect(suggested(rejected).first()).toBeVisible();
  await page.keyboard.press('x');
  // Rejected for the document: every occurrence of that name with that label goes.
  await expect(suggested(rejected)).toHaveCount(0);

  await page.reload();
  await expect(reader.article).toBeVisible();
  await expect(entities.mentionWithText(text, label)).toHaveCount(1);
  await page.keyboard.press('s');
  await expect(entities.suggestionStatus).toContainText(/suggestions|No suggestions/);
  await expect(page.locator('mark.suggestion').first()).toBeVisible();
  await expect(suggested(rejected)).toHaveCount(0);
  await expect(suggested(text)).toHaveCount(0); // accepted: it is a mention now
});

/** "ORG: Chinese Academy of Sciences — Enter to accept, …" → ['ORG', 'Chinese Academy of Sciences'] */
function parse(status: string): [string, string] {
  const match = /([A-Z_]+): (.+?) — Enter to accept/.exec(status);
  if (!match) throw new Error(`not a suggestion: ${status}`);
  return [match[1]!, match[2]!];
}

test('label set: rename, reorder, export and import JSON; deleting a label in use moves its mentions', async ({ page, server }) => {
  const { reader, entities } = await openReport(page, server);
  await tag(reader, 'Maurice Wilkins', '1');
  await expect(entities.mentionWithText('Maurice Wilkins', 'PERSON')).toHaveCount(1);

  await page.goto(`${new URL(page.url()).origin}/#/settings`);
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Name of label ORG' }).fill('Institution');
  await page.getByRole('button', { name: 'Move Location up' }).click();
  await page.getByRole('button', { name: 'Apply label changes' }).click();
  await expect(page.getByRole('status', { name: 'Labels status' })).toHaveText('Labels saved');
  const order = page.getByRole('list', { name: 'Label set' }).getByRole('listitem');
  await expect(order.nth(1)).toContainText('LOCATION');
  await expect(order.nth(2)).toContainText('ORG');

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export labels (JSON)' }).click();
  const download = await downloading;
  const exported = join(await mkdtemp(join(tmpdir(), 'marginalia-labels-')), download.suggestedFilename());
  await download.saveAs(exported);
  const file = JSON.parse(await readFile(exported, 'utf8')) as { labels: { id: string; name: string }[] };
  expect(file.labels.slice(0, 3).map((l) => l.id)).toEqual(['PERSON', 'LOCATION', 'ORG']);
  expect(file.labels[2]!.name).toBe('Institution');

  // PERSON is in use: move its mentions to EVENT.
  await page.getByRole('button', { name: 'Delete Person' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete the label Person?' });
  await expect(dialog).toContainText('1 mention carries the label PERSON');
  await dialog.getByRole('radio', { name: 'Move the mentions to' }).check();
  await dialog.getByRole('combobox', { name: 'Label to move the mentions to' }).selectOption('EVENT');
  await dialog.getByRole('button', { name: 'Delete label' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('textbox', { name: 'Name of label PERSON' })).toHaveCount(0);
  await page.screenshot({ path: screenshotPath('entities-labels') });

  // A broken file is refused with its reasons; the exported one brings PERSON back.
  const broken = join(tmpdir(), `labels-broken-${Date.now()}.json`);
  await writeFile(broken, JSON.stringify({ labels: [{ id: 'A B', name: 'x', color: 'red' }] }));
  await page.getByLabel('Label set to import').setInputFiles(broken);
  await expect(page.getByRole('status', { name: 'Labels status' })).toContainText('colour must be #rrggbb');
  await page.getByLabel('Label set to import').setInputFiles(exported);
  await expect(page.getByRole('status', { name: 'Labels status' })).toHaveText('Labels saved');
  await expect(page.getByRole('textbox', { name: 'Name of label PERSON' })).toHaveValue('Person');

  await page.goBack();
  await expect(reader.article).toBeVisible();
  await expect(entities.mentionWithText('Maurice Wilkins', 'EVENT')).toHaveCount(1);
});

test('keyboard only: find a name and tag the hit with Alt+digit, accept suggestions with s/j/Enter; the CLI reads the counts from disk', async ({ page, server }) => {
  const { reader } = await openReport(page, server);
  // Find a "phrase" → Enter to its first hit → Alt+2 tags it as ORG.
  await page.keyboard.press('Control+f');
  await page.keyboard.type('"Guangzhou Institutes of Biomedicine and Health"');
  await expect(reader.findCount).toHaveText(/of 1$/); // the hits have arrived
  await page.keyboard.press('Enter');
  await expect(reader.findCount).toHaveText('1 of 1');
  await page.keyboard.press('Alt+2');
  await expect(reader.article.locator('mark[data-label="ORG"]')).toHaveText(['Guangzhou Institutes of Biomedicine and Health']);
  await page.keyboard.press('Control+a');
  await page.keyboard.type('广州生物医药与健康研究院');
  await expect(reader.findCount).toHaveText(/of 1$/);
  await page.keyboard.press('Enter');
  await expect(reader.findCount).toHaveText('1 of 1');
  await page.keyboard.press('Alt+2');
  await expect(reader.article.locator('mark[data-label="ORG"]')).toHaveCount(2);
  await page.keyboard.press('Escape');

  // Suggestions walk: the registry now suggests nothing new for these, NER offers the person and the money.
  await page.locator('body').focus();
  await page.keyboard.press('s');
  const person = page.locator('mark.suggestion', { hasText: 'Maurice Wilkins' });
  await expect(person).toBeVisible();
  for (let i = 0; i < 20 && !(await person.evaluate((el) => el.classList.contains('suggestion-current'))); i++) await page.keyboard.press('j');
  await page.keyboard.press('Enter');
  await expect(reader.article.locator('mark[data-label="PERSON"]')).toHaveText(['Maurice Wilkins']);

  const entities = cliEntities(server).map((e) => [e.label, e.entity, e.mentions]);
  expect(entities).toEqual(expect.arrayContaining([['ORG', 'Guangzhou Institutes of Biomedicine and Health', 1], ['ORG', '广州生物医药与健康研究院', 1], ['PERSON', 'Maurice Wilkins', 1]]));
});
