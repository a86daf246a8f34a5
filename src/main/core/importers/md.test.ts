import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { documentProblems } from '../../../shared/text/document-check';
import { mdImporter, titleFromFrontMatter } from './md';
import type { ParsedDocument } from './types';

const parse = (source: string): Promise<ParsedDocument> => mdImporter.parse(new TextEncoder().encode(source), 'doc.md');

const shape = (doc: ParsedDocument): string[] => {
  expect(documentProblems(doc.text, doc.blocks)).toEqual([]);
  return doc.blocks.map((b) => `${b.kind}${b.level ?? ''}: ${doc.text.slice(b.start, b.end)}`);
};

describe('mdImporter', () => {
  it('imports the notice fixture: front matter title, structure, HTML text without script', async () => {
    const doc = await mdImporter.parse(new Uint8Array(readFileSync(new URL('../../../../fixtures/notice.md', import.meta.url))), 'notice.md');
    expect(doc.title).toBe('Notice: Library Opening Hours');
    expect(shape(doc)).toEqual([
      'heading1: Opening hours',
      'paragraph: The reading room is open to all staff from Monday to Friday, see the calendar for holidays.',
      'heading2: Rules',
      'list-item1: Bring your badge',
      'list-item1: Return books within:',
      'list-item2: 1. two weeks for loans',
      'list-item2: 2. one week for reference works',
      'list-item1: [x] Sign the register',
      'table-row: Day | Open | Close',
      'table-row: Mon | 9:00 | 17:00',
      'table-row: Sat | — | —',
      'quote1: Silence helps everyone read. — The Librarian',
      'paragraph: Lockers are on the ground floor.',
      'paragraph: Inline markup and text stay readable.',
      'paragraph: Floor plan of the reading room',
      'code: const open = true;\n\nconsole.log(open);',
      'paragraph: 图书馆 2025 年开放时间通知。',
    ]);
    expect(doc.text).not.toMatch(/alert|hidden|script/);
  });

  it('falls back to the first heading, and ignores a broken front matter', async () => {
    const doc = await parse('---\ntitle: [unclosed\n---\n\nIntro line.\n\n## The Heading\n\nText.');
    expect(doc.title).toBe('The Heading');
    expect(shape(doc)).toEqual(['paragraph: Intro line.', 'heading2: The Heading', 'paragraph: Text.']);
  });

  it('keeps inline visible text: emphasis, links, code, footnotes; hard breaks become spaces', async () => {
    const doc = await parse('A *b* __c__ ~~d~~ [e](http://x) `f` ![g](g.png) h\\\ni[^1]\n\n[^1]: The note.\n\n***\n\n> quoted\n>> deeper');
    expect(shape(doc)).toEqual(['paragraph: A b c d e f g h i[1]', 'paragraph: [1] The note.', 'quote1: quoted', 'quote2: deeper']);
  });

  it('numbers ordered lists from their start and reads Markdown inside HTML blocks', async () => {
    const doc = await parse('3. third\n4. fourth\n\n<aside markdown="1">\n  Said by <b>someone</b>,\n  ["a talk"](https://example.org)&nbsp;here\n</aside>\n\n<style>p { color: red }</style>');
    expect(shape(doc)).toEqual(['list-item1: 3. third', 'list-item1: 4. fourth', 'paragraph: Said by someone, "a talk"\u00a0here']);
  });

  it('reads front matter titles defensively', () => {
    expect(titleFromFrontMatter('title: Plain')).toBe('Plain');
    expect(titleFromFrontMatter('title: 2024')).toBe('2024');
    expect(titleFromFrontMatter('title: [a, b]')).toBeUndefined();
    expect(titleFromFrontMatter('just a string')).toBeUndefined();
    expect(titleFromFrontMatter('title: "unclosed')).toBeUndefined();
  });
});
