import { describe, expect, it } from 'vitest';
import { buildPlainTextDocument } from './blocks';
import { documentProblems } from './document-check';

/** Each block as "kind[level]: text", checked against its offsets. */
function shape(input: string): string[] {
  const { text, blocks } = buildPlainTextDocument(input);
  expect(documentProblems(text, blocks)).toEqual([]);
  return blocks.map((b) => `${b.kind}${b.level ?? ''}: ${text.slice(b.start, b.end)}`);
}

const wrapped = (words: string, width = 72): string => {
  const lines: string[] = [];
  let line = '';
  for (const w of words.split(' ')) {
    if (line && line.length + 1 + w.length > width) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  return [...lines, line].join('\n');
};

const P1 =
  'Dear colleagues and friends, as the calendar turns to a new year, I would like to thank every member of our institute, our partners and our families for the patience, skill and good humour that carried us through the past twelve months.';
const P2 =
  'This year we opened the tidal laboratory on the east quay, welcomed forty-two new students, and published our first open atlas of coastal sediments, none of which were small tasks.';

describe('buildPlainTextDocument', () => {
  it('joins hard-wrapped lines and keeps a title and a signature block apart', () => {
    const input = `Annual Address of the Institute\n\n${wrapped(P1)}\n\n${wrapped(P2)}\n\nDirector, Mira Castellan\nJanuary 1, 2025\n`;
    expect(shape(input)).toEqual([
      'heading2: Annual Address of the Institute',
      `paragraph: ${P1}`,
      `paragraph: ${P2}`,
      'paragraph: Director, Mira Castellan',
      'paragraph: January 1, 2025',
    ]);
  });

  it('gives exact offsets', () => {
    const { text, blocks } = buildPlainTextDocument('  Title Line\n\nFirst paragraph ends here.\n');
    expect(text).toBe('Title Line\n\nFirst paragraph ends here.');
    expect(blocks).toEqual([
      { kind: 'heading', start: 0, end: 10, level: 2 },
      { kind: 'paragraph', start: 12, end: 38 },
    ]);
  });

  it('keeps one-line-per-paragraph documents as separate paragraphs without blank lines', () => {
    const long1 = 'A'.concat(' long line of prose that goes on'.repeat(20), '.');
    const long2 = 'Another'.concat(' long line of prose'.repeat(30), '.');
    expect(shape(`${long1}\n${long2}\n`)).toEqual([`paragraph: ${long1}`, `paragraph: ${long2}`]);
  });

  it('keeps short lines (verse) as separate blocks', () => {
    expect(shape('床前明月光，\n疑是地上霜。\n举头望明月，\n低头思故乡。')).toEqual([
      'paragraph: 床前明月光，',
      'paragraph: 疑是地上霜。',
      'paragraph: 举头望明月，',
      'paragraph: 低头思故乡。',
    ]);
  });

  it('joins wrapped Chinese without spaces', () => {
    const zh = '在遵守并包含本文档版权声明的前提下，允许制作和发布本文档的完整拷贝。在遵守上述完整拷贝版本有关版权声明的前提下，允许拷贝和发布基于本文档完整拷贝的修改版本，并且在发布所有通过修改本文档而得到的工作成果时须使用与本文档的许可声明一致的许可声明。';
    // wrapped like the Debian FAQ: 4 columns of indent, 34 CJK characters (68 columns) a line
    const lines: string[] = [];
    for (let i = 0; i < zh.length; i += 34) lines.push(`    ${zh.slice(i, i + 34)}`);
    expect(lines.length).toBeGreaterThanOrEqual(4);
    expect(shape(lines.join('\n'))).toEqual([`paragraph: ${zh}`]);
  });

  it('makes list items, joins their continuation lines and nests by indentation', () => {
    const input = [
      'The committee may act in these ways, each described in a section of its own below:',
      '  - appoint delegates for any task which the committee itself cannot carry out',
      '    in good time;',
      '  * review decisions',
      '    1) within two weeks',
      '    (b) or by vote',
      '• publish minutes',
      '一、总则',
    ].join('\n');
    expect(shape(input)).toEqual([
      'paragraph: The committee may act in these ways, each described in a section of its own below:',
      'list-item1: appoint delegates for any task which the committee itself cannot carry out in good time;',
      'list-item1: review decisions',
      'list-item2: 1) within two weeks',
      'list-item2: (b) or by vote',
      'list-item1: publish minutes',
      'list-item1: 一、总则',
    ]);
  });

  it('turns setext underlines into headings and drops separator lines', () => {
    expect(shape('Main Title\n==========\nIntro text here.\n\nSection\n-------\nBody.\n\n* * *\n____\n%\nEnd.')).toEqual([
      'heading1: Main Title',
      'paragraph: Intro text here.',
      'heading2: Section',
      'paragraph: Body.',
      'paragraph: End.',
    ]);
  });

  it('finds headline and subhead before body text, numbered sections at their depth', () => {
    const body = 'The representatives visited the science city and met researchers, who described their work in detail.';
    expect(shape(`Find out how the city stays ahead\n\nDreaming about a new picture\n\n  ${body}\n\n2.1. General rules\n\n${body}\n\nParty Secretary, Duan Ziyuan\n\n  January 1,2024`)).toEqual([
      'heading2: Find out how the city stays ahead',
      'heading2: Dreaming about a new picture',
      `paragraph: ${body}`,
      'heading3: 2.1. General rules',
      `paragraph: ${body}`,
      'paragraph: Party Secretary, Duan Ziyuan',
      'paragraph: January 1,2024',
    ]);
  });

  it('does not take sentences, dates or lower-case fragments for headings', () => {
    const body = 'A paragraph of body text that follows the short line and is long enough to count.';
    expect(shape(`It was done.\n\n${body}\n\n2021 年 1 月\n\n${body}\n\nand then\n\n${body}`)).toEqual([
      'paragraph: It was done.',
      `paragraph: ${body}`,
      'paragraph: 2021 年 1 月',
      `paragraph: ${body}`,
      'paragraph: and then',
      `paragraph: ${body}`,
    ]);
  });

  it('treats non-breaking spaces as whitespace at line edges but keeps them inside', () => {
    expect(shape('\u00a0\u00a0Party Secretary,\u00a0Duan Ziyuan\u00a0\n\u3000\u3000正文。')).toEqual([
      'paragraph: Party Secretary,\u00a0Duan Ziyuan',
      'paragraph: 正文。',
    ]);
  });

  it('rejoins "well-\\nknown" and paths split after a slash', () => {
    const input = [
      'The archive keeps every document that the office receives, and a well-',
      'known tool converts them. It runs on Debian GNU/Linux and on the older',
      'systems too, and it writes its reports to the shared folder at /srv/docs/',
      'reports/annual where anyone in the office can read them. Nobody has to',
      'ask for access first.',
    ].join('\n');
    expect(shape(input)).toEqual([
      'paragraph: The archive keeps every document that the office receives, and a well-known tool converts them. It runs on Debian GNU/Linux and on the older systems too, and it writes its reports to the shared folder at /srv/docs/reports/annual where anyone in the office can read them. Nobody has to ask for access first.',
    ]);
  });

  it('returns nothing for blank input', () => {
    expect(buildPlainTextDocument('\n  \n\t\n')).toEqual({ text: '', blocks: [] });
  });

  // Its speed is measured by npm run bench (pure.build_plain_text_2mb_ms), never here.
  it('builds 2 MB of text into one block per paragraph', () => {
    const para = `${wrapped(P1)}\n\n${wrapped(P2)}\n\n`;
    const big = para.repeat(Math.ceil(2_000_000 / para.length));
    const { blocks } = buildPlainTextDocument(big);
    expect(blocks.length).toBe(2 * Math.ceil(2_000_000 / para.length));
  });
});
