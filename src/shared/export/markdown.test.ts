import { describe, expect, it } from 'vitest';
import { renderDocument } from './markdown';
import { quoteBlock, richTextUnder } from './markdown-text';
import { ctx, doc } from './test-data';

describe('markdown export', () => {
  it('quotes hostile text so that it stays text', () => {
    expect(quoteBlock('# heading\n---\n| a | b |\n    indented\n<script>x</script>\n1. one\n`tick` *em*')).toBe(
      ['> \\# heading\\', '> \\---\\', '> \\| a \\| b \\|\\', '> indented\\', '> &lt;script&gt;x&lt;/script&gt;\\', '> 1\\. one\\', '> \\`tick\\` \\*em\\*'].join('\n'),
    );
    expect(quoteBlock('one\n\n\ntwo')).toBe('> one\n>\n> two');
  });

  it('puts notes and comments under our headings without skipping levels', () => {
    const note = {
      type: 'doc' as const,
      content: [
        { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'A' }] },
        { type: 'heading', attrs: { level: 4 }, content: [{ type: 'text', text: 'B' }] },
        { type: 'codeBlock', content: [{ type: 'text', text: 'x' }] },
      ],
    };
    expect(richTextUnder(note, 2)).toBe('### A\n\n#### B\n\n```text\nx\n```');
  });

  it('writes front matter YAML that a hostile title cannot break, and links each annotation', () => {
    const d = doc('Visit 北京 now.', [['北京', 'LOCATION'], ['now', null]], { title: '---\ntitle: x\n# y', tags: ['b', 'a'] });
    const md = renderDocument(d, ctx);
    expect(md.startsWith('---\nid: doc0001\ntitle: "---\\ntitle: x\\n# y"\nsource: t.txt\ntags:\n  - a\n  - b\nentities:\n  LOCATION:\n    - 北京\n---\n')).toBe(true);
    expect(md).toContain('### 1. Location\n\n> 北京\n\n[open in Marginalia](marginalia://doc/doc0001#annotation=ann0001)');
    expect(md).toContain('### 2. Highlight\n\n> now');
    expect(md.endsWith('[Open the document in Marginalia](marginalia://doc/doc0001)\n')).toBe(true);
    expect(renderDocument(d, ctx)).toBe(md);
  });
});

describe('orphans', () => {
  it('are shown in Markdown with the reason and left out of offset formats with a notice', async () => {
    const { w3cExporter } = await import('./w3c');
    const d = doc('Visit 北京 now.', [['北京', 'LOCATION', { orphan: { reason: 'text changed', since: '2024-02-02' } }], ['now', null]]);
    expect(renderDocument(d, ctx)).toContain('not found in the current version (text changed)');
    const session = w3cExporter.begin(ctx);
    const [file] = session.add(d);
    expect(JSON.parse(file!.content as string).total).toBe(1);
    expect(session.notices).toEqual(['T: 1 annotation(s) not found in the current text were left out.']);
  });
});
