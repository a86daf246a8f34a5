import { describe, expect, it } from 'vitest';
import { buildPlainTextDocument } from './blocks';
import { deriveTitle } from './title';

const titleOf = (input: string, frontMatterTitle?: string): string => {
  const { text, blocks } = buildPlainTextDocument(input);
  return deriveTitle({ frontMatterTitle, text, blocks });
};

const LONG =
  'Some deputies to the National People’s Congress who are in the city for the session visited laboratories, parks and companies over two days to see the progress of the industry for themselves.';
const BODY = 'The representatives walked into the innovation park and heard how the companies there had grown in three years.';

describe('deriveTitle', () => {
  it('prefers the front matter title', () => {
    expect(titleOf('# Heading\n\nText.', '  The Legal Side\nof Open Source ')).toBe('The Legal Side of Open Source');
  });

  it('takes the first heading, skipping an over-long kicker paragraph', () => {
    expect(titleOf(`${LONG}\n\nFind out how the city stays in the “first echelon”\n\nA subhead here\n\n  ${BODY}`)).toBe(
      'Find out how the city stays in the “first echelon”',
    );
  });

  it('skips a heading longer than 120 characters for the next one', () => {
    const kicker = `${'Very long kicker words '.repeat(6)}end`;
    const { text, blocks } = buildPlainTextDocument(`x\n\nThe Real Title\n\n${BODY}`);
    const withKicker = `${kicker}\n\n${text}`;
    const shift = kicker.length + 2;
    const title = deriveTitle({
      text: withKicker,
      blocks: [{ kind: 'heading', start: 0, end: kicker.length, level: 1 }, ...blocks.map((b) => ({ ...b, start: b.start + shift, end: b.end + shift }))],
    });
    expect(title).toBe('The Real Title');
  });

  it('uses a short first block when there is no heading', () => {
    expect(titleOf(`Minutes of the March meeting.\n${LONG}`)).toBe('Minutes of the March meeting');
  });

  it('uses the first sentence of a long first paragraph', () => {
    expect(titleOf(`A new chapter in history has begun with the arrival of the year 2024. ${LONG}`)).toBe(
      'A new chapter in history has begun with the arrival of the year 2024',
    );
  });

  it('cuts a long first sentence at a word boundary with an ellipsis', () => {
    const title = titleOf(LONG);
    expect(title).toBe('Some deputies to the National People’s Congress who are in the city for the session visited…');
    expect(title.length).toBeLessThanOrEqual(100);
  });

  it('cuts Chinese at a word boundary', () => {
    const zh = '广州生物医药与健康研究院'.repeat(10) + '。';
    const title = titleOf(zh);
    expect(title.endsWith('…')).toBe(true);
    expect(title.length).toBeLessThanOrEqual(100);
    // the cut falls between words: 广州 / 生物 / 医药 / 与 / 健康 / 研究院
    expect(/(研究院|健康|与|医药|生物|广州)…$/u.test(title)).toBe(true);
  });

  it('is never empty', () => {
    expect(deriveTitle({ text: '', blocks: [] })).toBe('Untitled');
    expect(deriveTitle({ frontMatterTitle: '   ', text: '', blocks: [] })).toBe('Untitled');
  });
});

describe('deriveTitle and notes', () => {
  it('leaves a footnote mark or permalink glyph at the end of the heading out of the title', () => {
    const heading = (title: string) => deriveTitle({ text: `${title}\n\nBody.`, blocks: [{ kind: 'heading', start: 0, end: title.length, level: 1 }, { kind: 'paragraph', start: title.length + 2, end: title.length + 7 }] });
    expect(heading('Annual Report[1]')).toBe('Annual Report');
    expect(heading('年度报告[i] †')).toBe('年度报告');
  });
});
