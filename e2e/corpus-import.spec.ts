import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, screenshotPath, test } from './fixtures';
import { LibraryPage } from './models/library-page';

/** A brat pair as a user brings it: CRLF line ends, no final newline, an emoji and a combining mark before the spans. */
const TEXT = 'Ame\u0301lie 😀 met Luis Pérez in Madrid.  \r\nShe works for the ONU.\r\n\r\n北京大学的王小明去了上海。';
const SPANS: [string, string][] = [
  ['PER', 'Ame\u0301lie'],
  ['PER', 'Luis Pérez'],
  ['LOC', 'Madrid'],
  ['ORG', 'ONU'],
  ['ORG', '北京大学'],
  ['PER', '王小明'],
  ['LOC', '上海'],
];

function ann(): string {
  return SPANS.map(([label, quote], i) => {
    const at = TEXT.indexOf(quote);
    const start = [...TEXT.slice(0, at)].length;
    return `T${i + 1}\t${label} ${start} ${start + [...quote].length}\t${quote}`;
  }).join('\r\n');
}

test('a brat corpus into an empty archive: the document is created with its text as given, every span on its words, labels created', async ({ page, server }) => {
  const dir = await mkdtemp(join(tmpdir(), 'marginalia-brat-'));
  await writeFile(join(dir, 'news.txt'), TEXT);
  await writeFile(join(dir, 'news.ann'), ann());
  const library = new LibraryPage(page);
  await library.open(server.url);
  await page.getByLabel('Annotations to import').setInputFiles([join(dir, 'news.txt'), join(dir, 'news.ann')]);
  const summary = page.getByRole('region', { name: 'Annotation import' });
  await expect(summary).toContainText('news.ann (brat): imported 7, skipped 0');
  await expect(summary).toContainText('1 document created with its text as given');
  await expect(library.documentLinks).toHaveCount(1);
  await page.screenshot({ path: screenshotPath('corpus-import-summary') });

  await library.documentLinks.first().click();
  const marks = page.getByRole('article').locator('mark[data-label]');
  await expect(marks).toHaveCount(SPANS.length);
  await expect(marks).toHaveText(SPANS.map(([, quote]) => quote));
  for (const [label, quote] of SPANS) await expect(page.getByRole('article').locator(`mark[data-label="${label}"]`, { hasText: quote })).toHaveCount(1);
  await page.screenshot({ path: screenshotPath('corpus-import-reader') });
});
