import { describe, expect, it } from 'vitest';
import type { RichDoc } from '../../../shared/model';
import { richContentProblem } from './rich-content-check';

const para = (text: string, marks?: { type: string }[]) => ({ type: 'paragraph', content: [{ type: 'text', text, ...(marks ? { marks } : {}) }] });

describe('richContentProblem', () => {
  it('accepts what the editor writes: paragraphs, headings, lists, bold, italic, links', () => {
    const doc: RichDoc = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Title' }] },
        para('bold', [{ type: 'bold' }]),
        { type: 'bulletList', content: [{ type: 'listItem', content: [para('item')] }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'site', marks: [{ type: 'link', attrs: { href: 'https://example.org' } } as { type: string }] }] },
      ],
    };
    expect(richContentProblem(doc)).toBeNull();
    expect(richContentProblem(null)).toBeNull();
    expect(richContentProblem({ type: 'doc' })).toBeNull();
  });

  it('names unknown nodes and marks', () => {
    const doc: RichDoc = {
      type: 'doc',
      content: [para('kept', [{ type: 'highlightMark' }]), { type: 'mathBlock', attrs: { tex: 'e=mc^2' }, content: [{ type: 'text', text: 'e=mc²' }] }],
    };
    expect(richContentProblem(doc)).toEqual({ nodes: ['mathBlock'], marks: ['highlightMark'], attributes: [], invalid: null });
  });

  it('names attributes of known nodes and marks that the editor would drop', () => {
    const doc = {
      type: 'doc',
      content: [{ type: 'paragraph', attrs: { textAlign: 'center' }, content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'https://example.org', tracking: 'abc' } }] }] }],
    } as RichDoc;
    expect(richContentProblem(doc)).toMatchObject({ nodes: [], marks: [], attributes: ['link.tracking', 'paragraph.textAlign'] });
  });

  it('refuses known nodes put together in a way the schema does not allow', () => {
    const doc = { type: 'doc', content: [{ type: 'text', text: 'text directly in the doc' }] } as RichDoc;
    expect(richContentProblem(doc)?.invalid).toBeTruthy();
  });
});

describe('keptBlocks', () => {
  it('keeps the text of every block and names the unknown ones', async () => {
    const { keptBlocks } = await import('./kept-text');
    const doc: RichDoc = {
      type: 'doc',
      content: [
        para('Before the formula', [{ type: 'highlightMark' }]),
        { type: 'mathBlock', attrs: { tex: 'e=mc^2' }, content: [{ type: 'text', text: 'e=mc²' }] },
        { type: 'bulletList', content: [{ type: 'listItem', content: [para('an item')] }] },
        { type: 'embed', attrs: { src: 'x' } },
      ],
    };
    expect(keptBlocks(doc)).toEqual([
      { text: 'Before the formula' },
      { text: '[mathBlock] e=mc²', unknown: 'mathBlock' },
      { text: 'an item' },
      { text: '[embed]', unknown: 'embed' },
    ]);
  });
});
