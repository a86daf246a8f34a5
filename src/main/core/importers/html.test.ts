import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { documentProblems } from '../../../shared/text/document-check';
import { htmlImporter } from './html';
import type { ParsedDocument } from './types';

const FIXTURES = fileURLToPath(new URL('../../../../fixtures/', import.meta.url));
const bytes = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, name)));
const blocks = (doc: ParsedDocument): [string, number | undefined, string][] =>
  doc.blocks.map((b) => [b.kind, b.level, doc.text.slice(b.start, b.end)]);
const parse = (html: string): Promise<ParsedDocument> => htmlImporter.parse(new TextEncoder().encode(html), 'page.html');

describe('html importer', () => {
  it('keeps the visible text of a hostile page and nothing that scripts, frames or styles hold', async () => {
    const doc = await htmlImporter.parse(bytes('html-hostile.html'), 'html-hostile.html');
    expect(blocks(doc)).toEqual([
      ['heading', 1, 'Notice on Safe Browsing'],
      ['paragraph', undefined, 'The first paragraph has bold and a link.'],
      ['heading', 2, 'Rules'],
      ['list-item', 1, 'Keep software up to date'],
      ['list-item', 2, 'Including the browser'],
      ['list-item', 1, 'Report phishing'],
      ['quote', 1, 'Security is a process, not a product.'],
      ['code', undefined, 'line one\n  line two'],
      ['table-row', undefined, 'Item | Owner'],
      ['table-row', undefined, 'Laptops | IT office'],
      ['paragraph', undefined, 'The last paragraph.'],
    ]);
    expect(doc.text).not.toMatch(/SCRIPT|STYLE|NOSCRIPT|TEMPLATE|SRCDOC|IFRAME|OBJECT|SVG|HIDDEN|ONLOAD|CLICK|alert/);
    expect(doc.title).toBe('Notice on Safe Browsing');
    expect(documentProblems(doc.text, doc.blocks)).toEqual([]);
  });

  it('decodes by the declared charset', async () => {
    const doc = await htmlImporter.parse(bytes('html-gb2312.html'), 'html-gb2312.html');
    expect([doc.encoding, doc.title, blocks(doc)]).toEqual(['gb18030', '通知', [['paragraph', undefined, '研究院全体同事新年快乐。']]]);
  });

  it('takes the title from og:title, then the first h1, and reads fragments', async () => {
    expect((await parse('<meta property="og:title" content="From OG"><p>Body text.</p>')).title).toBe('From OG');
    expect((await parse('<h1>Heading One</h1><p>Body text.</p>')).title).toBe('Heading One');
    const fragment = await parse('<p>a<br>b</p><ol><li><p>one</p><p>more</p></li></ol>');
    expect(blocks(fragment)).toEqual([
      ['paragraph', undefined, 'a b'],
      ['list-item', 1, '1. one'],
      ['list-item', 1, 'more'],
    ]);
  });

  it('refuses a page without text', async () => {
    await expect(parse('<script>only("script")</script>')).rejects.toThrow('no text in this HTML file');
  });
});
