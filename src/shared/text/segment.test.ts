import { describe, expect, it } from 'vitest';
import { cutAtWordBoundary, firstSentence } from './segment';

describe('firstSentence', () => {
  it('finds the first English and Chinese sentence', () => {
    expect(firstSentence('It rained. Then it stopped.')).toBe('It rained.');
    expect(firstSentence('今天下雨了。明天晴天。')).toBe('今天下雨了。');
  });
});

describe('cutAtWordBoundary', () => {
  it('cuts English between words', () => {
    expect(cutAtWordBoundary('the quick brown fox', 12)).toBe('the quick ');
  });

  it('cuts Chinese between words, not inside one', () => {
    // 广州 / 生物 / 医药 / 与 / 健康 / 研究院
    expect(cutAtWordBoundary('广州生物医药与健康研究院', 10)).toBe('广州生物医药与健康');
    expect(cutAtWordBoundary('广州生物医药与健康研究院', 11)).toBe('广州生物医药与健康');
  });

  it('hard-cuts a single over-long word', () => {
    expect(cutAtWordBoundary('abcdefghij', 4)).toBe('abcd');
  });

  it('leaves short text alone', () => {
    expect(cutAtWordBoundary('short', 10)).toBe('short');
  });
});
