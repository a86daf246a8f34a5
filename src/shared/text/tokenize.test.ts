import { describe, expect, it } from 'vitest';
import { cjkGrams, tokenize } from './tokenize';

const terms = (text: string) => tokenize(text).map((t) => t.term);

describe('tokenize', () => {
  it('cuts English into folded words with offsets into the input', () => {
    const text = "China's U.S. policy: 3.5% of 1,000 firms, don't COVID-19 (14th plan, 2024).";
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.term)).toEqual(['china', 'u.s', 'policy', '3.5', 'of', '1,000', 'firms', "don't", 'covid', '19', '14th', 'plan', '2024']);
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual(["China's", 'U.S', 'policy', '3.5', 'of', '1,000', 'firms', "don't", 'COVID', '19', '14th', 'plan', '2024']);
  });

  it('drops a possessive, with either apostrophe', () => {
    expect(terms("James’s Ross's IT'S it's ÉCOLE’S x's bus boss’")).toEqual(['james', 'ross', 'it', 'it', 'école', 'x', 'bus', 'boss']);
  });

  it('folds with NFKC and lower case, and keeps diacritics', () => {
    expect(terms('２０２４ ＡＢＣ Résumé ÉCOLE')).toEqual(['2024', 'abc', 'résumé', 'école']);
  });

  it('gives Chinese unigrams, bigrams and the segmenter words longer than two characters', () => {
    const text = '广州生物医药与健康研究院';
    const tokens = tokenize(text);
    const list = tokens.map((t) => t.term);
    for (const word of ['广州', '生物', '医药', '与', '健康', '研究院']) expect(list).toContain(word);
    // bigrams across the segmenter's word boundaries, so any substring of 2 chars is found
    expect(list).toContain('物医');
    expect(list).toContain('康研');
    // two-character words are bigrams already: not counted twice
    expect(list.filter((t) => t === '广州')).toHaveLength(1);
    expect(list.filter((t) => t.length === 1)).toHaveLength(12);
    expect(list.filter((t) => t.length === 2)).toHaveLength(11);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.term);
  });

  it('splits mixed Latin and Chinese at the script change', () => {
    expect(terms('AI中心')).toEqual(['ai', '中', '中心', '心']);
  });

  it('keeps surrogate pairs whole in CJK grams', () => {
    const text = '𠀀中';
    expect(terms(text)).toEqual(['𠀀', '𠀀中', '中']);
    expect(cjkGrams('𠀀中国')).toEqual(['𠀀中', '中国']);
    expect(cjkGrams('省')).toEqual(['省']);
  });

  it('handles a long Chinese run without punctuation', () => {
    const text = '生物医药'.repeat(500);
    const tokens = tokenize(text);
    expect(tokens.filter((t) => t.term === '医药').length).toBe(500);
  });
});
