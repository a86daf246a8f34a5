import { describe, expect, it } from 'vitest';
import { describeRange, splitsSurrogatePair } from './describe';

const TEXT = 'Colleagues, friends and members of the Council: it is my privilege once more to report.';

describe('describeRange', () => {
  it('takes the quote and 32 code units of context on each side', () => {
    const start = TEXT.indexOf('members');
    const t = describeRange(TEXT, start, start + 'members of the Council'.length);
    expect(t).toEqual({
      start: 24,
      end: 46,
      quote: 'members of the Council',
      prefix: 'Colleagues, friends and ',
      suffix: ': it is my privilege once more t',
    });
    expect(t.suffix).toHaveLength(32);
  });

  it('clips context at the edges of the text', () => {
    expect(describeRange(TEXT, 0, 10)).toMatchObject({ quote: 'Colleagues', prefix: '' });
    const t = describeRange(TEXT, TEXT.length - 7, TEXT.length);
    expect(t).toMatchObject({ quote: 'report.', suffix: '', prefix: TEXT.slice(TEXT.length - 39, -7) });
  });

  it('honours contextLength, including 0', () => {
    expect(describeRange(TEXT, 24, 31, 5)).toMatchObject({ prefix: ' and ', suffix: ' of t' });
    expect(describeRange('xx and members of', 7, 14, 4)).toMatchObject({ prefix: 'and ', suffix: ' of' });
    expect(describeRange(TEXT, 24, 31, 0)).toMatchObject({ prefix: '', suffix: '', quote: 'members' });
  });

  it('describes CJK text by code units', () => {
    const zh = '一年来，广州生物医药与健康研究院坚持面向人民生命健康';
    const start = zh.indexOf('广州');
    expect(describeRange(zh, start, start + 12, 4)).toEqual({
      start: 4,
      end: 16,
      quote: '广州生物医药与健康研究院',
      prefix: '一年来，',
      suffix: '坚持面向',
    });
  });

  it('never starts the prefix or ends the suffix with half an emoji', () => {
    // '😀' is two code units: \ud83d\ude00.
    const text = 'ab😀cdQUOTEef😀gh';
    const start = text.indexOf('QUOTE');
    const end = start + 5;
    // 3 code units either way land between the halves of an emoji: shrink to 2.
    expect(describeRange(text, start, end, 3)).toMatchObject({ prefix: 'cd', suffix: 'ef' });
    // 4 code units take whole emoji on both sides.
    expect(describeRange(text, start, end, 4)).toMatchObject({ prefix: '😀cd', suffix: 'ef😀' });
  });

  it('keeps a range that starts or ends on an emoji', () => {
    const text = 'Thanks 😀 to all';
    expect(describeRange(text, 7, 9)).toMatchObject({ quote: '😀', prefix: 'Thanks ', suffix: ' to all' });
  });

  it('rejects empty, reversed, out-of-range, fractional and pair-splitting ranges', () => {
    expect(() => describeRange(TEXT, 5, 5)).toThrow(RangeError);
    expect(() => describeRange(TEXT, 6, 5)).toThrow(RangeError);
    expect(() => describeRange(TEXT, -1, 5)).toThrow(RangeError);
    expect(() => describeRange(TEXT, 0, TEXT.length + 1)).toThrow(RangeError);
    expect(() => describeRange(TEXT, 0.5, 3)).toThrow(RangeError);
    expect(() => describeRange(TEXT, 0, 3, -1)).toThrow(RangeError);
    expect(() => describeRange('', 0, 0)).toThrow(RangeError);
    expect(() => describeRange('a😀b', 0, 2)).toThrow(/surrogate/);
    expect(() => describeRange('a😀b', 2, 4)).toThrow(/surrogate/);
  });

  it('round-trips: context and quote are contiguous in the text', () => {
    for (const [s, e] of [
      [0, 3],
      [10, 40],
      [50, TEXT.length],
    ] as const) {
      const t = describeRange(TEXT, s, e);
      const from = s - t.prefix.length;
      expect(TEXT.slice(from, e + t.suffix.length)).toBe(t.prefix + t.quote + t.suffix);
    }
  });
});

describe('splitsSurrogatePair', () => {
  it('is true only between the halves of a pair', () => {
    const text = 'a😀b';
    expect([0, 1, 2, 3, 4].map((i) => splitsSurrogatePair(text, i))).toEqual([false, false, true, false, false]);
    // A lone high surrogate is not a pair to split.
    expect(splitsSurrogatePair('\ud83db', 1)).toBe(false);
  });
});
