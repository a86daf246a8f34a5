import { describe, expect, it } from 'vitest';
import type { RichNode } from '../model';
import { richTextToMarkdown } from './rich-text';

const doc = (...content: RichNode[]): RichNode => ({ type: 'doc', content });
const p = (...content: RichNode[]): RichNode => ({ type: 'paragraph', content });
const t = (text: string, ...marks: string[]): RichNode => ({ type: 'text', text, ...(marks.length ? { marks: marks.map((type) => ({ type })) } : {}) });

describe('richTextToMarkdown', () => {
  it('renders marks, headings, lists, quotes and code', () => {
    const md = richTextToMarkdown(
      doc(
        { type: 'heading', attrs: { level: 2 }, content: [t('Why it matters')] },
        p(t('This is '), t('bold ', 'bold'), t('and '), t('italic', 'italic'), t(' with '), t('x = `y`', 'code'), t('.')),
        { type: 'bulletList', content: [{ type: 'listItem', content: [p(t('one'))] }, { type: 'listItem', content: [p(t('two')), { type: 'bulletList', content: [{ type: 'listItem', content: [p(t('nested'))] }] }] }] },
        { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [p(t('three'))] }] },
        { type: 'blockquote', content: [p(t('quoted')), p(t('twice'))] },
        { type: 'codeBlock', attrs: { language: 'js' }, content: [t('const a = 1;\n```')] },
      ),
    );
    expect(md).toBe(
      [
        '## Why it matters',
        '',
        'This is **bold** and *italic* with `` x = `y` ``.',
        '',
        '- one\n- two\n\n  - nested',
        '',
        '3. three',
        '',
        '> quoted\n>\n> twice',
        '',
        '````js\nconst a = 1;\n```\n````',
      ].join('\n'),
    );
  });

  it('escapes user text so it cannot become structure or HTML', () => {
    const md = richTextToMarkdown(doc(p(t('# not a heading')), p(t('<script>alert(1)</script> *x* [a](b) 1. | pipe'))));
    expect(md).toBe('\\# not a heading\n\n&lt;script&gt;alert(1)&lt;/script&gt; \\*x\\* \\[a\\](b) 1. \\| pipe');
  });

  it('keeps web links and drops javascript: ones', () => {
    const link = (href: string): RichNode => ({ type: 'text', text: 'site', marks: [{ type: 'link', attrs: { href } }] });
    expect(richTextToMarkdown(doc(p(link('https://example.org/a b'))))).toBe('[site](<https://example.org/a%20b>)');
    expect(richTextToMarkdown(doc(p(link('javascript:alert(1)'))))).toBe('site');
  });

  it('renders nothing for an empty or missing document', () => {
    expect(richTextToMarkdown(null)).toBe('');
    expect(richTextToMarkdown(doc())).toBe('');
    expect(richTextToMarkdown(doc(p()))).toBe('');
  });
});
