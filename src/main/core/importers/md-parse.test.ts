import { readFileSync } from 'node:fs';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfm } from 'micromark-extension-gfm';
import { describe, expect, it } from 'vitest';
import { markdownOptions, parseMarkdown } from './md-parse';

/** Every GFM construct, with and without front matter: what parseMarkdown must give whatever it leaves out. */
const full = (markdown: string, gfmOnly = false) =>
  fromMarkdown(markdown, {
    extensions: [gfm(), ...(gfmOnly ? [] : [frontmatter(['yaml'])])],
    mdastExtensions: [...gfmFromMarkdown(), ...(gfmOnly ? [] : [frontmatterFromMarkdown(['yaml'])])],
  });

/** Prose, and each trigger (and near miss) of autolinks and tables, beside the rest of GFM. */
const FRAGMENTS = [
  'The committee met on Monday and agreed the budget.',
  'Plain words, numbers 1,000 and 3.5, U.S. and don’t.',
  '# Heading',
  '## Second *level* with `code`',
  '- item one\n- item two',
  '1. first\n2. second',
  '- [x] done task',
  '> a quote',
  '```\nhttps://in.code/block\n```',
  '`www.in.code`',
  '~~struck~~ and ~one~',
  'A note[^1].\n\n[^1]: The footnote www.example.org.',
  'see www.example.org/path',
  'WWW.EXAMPLE.ORG',
  'wWw.Mixed.Case',
  'www without dot',
  'http://example.com/a?b#c',
  'HTTPS://EXAMPLE.COM',
  'http: not a link',
  'https:/one-slash',
  'write to someone@example.org today',
  'mailto:someone@example.org',
  'xmpp:someone@example.org/resource',
  'at @ sign alone',
  '<https://angle.example>',
  '[a link](https://example.com) and ![img](x.png)',
  '| a | b |\n| - | - |\n| 1 | 2 |',
  'a | b\n--|--\n1 | 2',
  'head\n:-\nrow',
  'head\n-:\nrow',
  'head\n:-:\nrow',
  'head\n---\n',
  'a: - b',
  'time 9:00 - 17:00',
  'pipe | in prose',
  '<div>html www.example.org</div>',
  '公告：图书馆开放时间 www.example.cn 请联系 admin@example.cn',
  '中文段落，没有链接。',
  '---\ntitle: "A title"\n---',
  '***',
  'line  \nbreak',
];

/** A seeded mix of fragments joined as paragraphs, lines or runs of one line. */
function sources(count: number): string[] {
  let seed = 20261202;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const parts: string[] = [];
    const n = 1 + Math.floor(next() * 6);
    for (let p = 0; p < n; p++) parts.push(FRAGMENTS[Math.floor(next() * FRAGMENTS.length)]!);
    out.push(parts.join(['\n\n', '\n', ' '][Math.floor(next() * 3)]!));
  }
  return out;
}

describe('parseMarkdown', () => {
  it('gives the tree of full GFM for every mix of constructs, front matter or not', () => {
    const notice = readFileSync(new URL('../../../../fixtures/notice.md', import.meta.url), 'utf8');
    for (const source of [notice, ...FRAGMENTS, ...sources(400)]) {
      expect(parseMarkdown(source), source).toEqual(full(source));
      expect(parseMarkdown(source, { gfmOnly: true }), source).toEqual(full(source, true));
    }
  });

  it('leaves out autolinks and tables only where they cannot match, and those parts matter where they can', () => {
    const prose = 'The committee met on Monday: it agreed the budget.';
    const light = markdownOptions(prose);
    expect(light).not.toBe(markdownOptions('see www.example.org'));
    expect(light).not.toBe(markdownOptions('a | b\n--|--'));
    // The same text parsed with the light options loses its link and its table: the triggers are what keeps them.
    const text = 'see www.example.org\n\nhead\n:-\nrow';
    expect(JSON.stringify(fromMarkdown(text, light))).not.toEqual(JSON.stringify(full(text)));
    expect(JSON.stringify(parseMarkdown(text))).toContain('"type":"link"');
    expect(JSON.stringify(parseMarkdown(text))).toContain('"type":"table"');
  });
});
