import { describe, expect, it } from 'vitest';
import { findOccurrences, foldName, isWordBoundary, snapToWords, growByWord, shrinkByWord } from './words';

const slice = (text: string, r: { start: number; end: number }) => text.slice(r.start, r.end);

describe('snapToWords', () => {
  const text = 'On behalf of the Chinese Academy of Sciences (CAS), welcome.';
  it('widens a sloppy selection to the words it touches and trims punctuation', () => {
    expect(slice(text, snapToWords(text, text.indexOf('e Chinese'), text.indexOf('Sciences') + 3))).toBe('the Chinese Academy of Sciences');
    expect(slice(text, snapToWords(text, text.indexOf('(CAS)'), text.indexOf('(CAS)') + 5))).toBe('CAS');
    expect(slice(text, snapToWords(text, text.indexOf(' Academy '), text.indexOf(' Academy ') + 9))).toBe('Academy');
  });

  it('uses dictionary boundaries in Chinese', () => {
    const zh = '感谢广州生物医药与健康研究院的全体同事。';
    const start = zh.indexOf('生物');
    expect(slice(zh, snapToWords(zh, start + 1, start + 3))).toBe('生物医药');
    expect(isWordBoundary(zh, zh.indexOf('研究院'))).toBe(true);
  });

  it('keeps astral characters whole', () => {
    const s = 'Award 🏆winners';
    expect(slice(s, snapToWords(s, 6, 9))).toBe('winners');
  });
});

describe('findOccurrences', () => {
  it('finds whole words only, exact or case-insensitive', () => {
    const text = 'CAS and cas, but not CASE or CASs. CAS.';
    expect(findOccurrences(text, 'CAS', { caseSensitive: true }).map((r) => r.start)).toEqual([0, 35]);
    expect(findOccurrences(text, 'CAS').map((r) => r.start)).toEqual([0, 8, 35]);
  });

  it('finds Chinese names inside running Chinese text at word boundaries', () => {
    const text = '广州生物医药与健康研究院（广州生物院）是中国科学院的研究所。广州生物医药与健康研究院成立于2003年。';
    expect(findOccurrences(text, '广州生物医药与健康研究院').length).toBe(2);
    expect(findOccurrences(text, '中国科学院').length).toBe(1);
  });

  it('folds names for matching', () => {
    expect(foldName('  Chinese   Academy of Sciences ')).toBe('chinese academy of sciences');
    expect(foldName('ＣＡＳ')).toBe('cas');
  });
});

describe('growByWord / shrinkByWord', () => {
  const grow = (text: string, phrase: string) => {
    const at = text.indexOf(phrase);
    const r = growByWord(text, at, at + phrase.length);
    return text.slice(r.start, r.end);
  };
  const shrink = (text: string, phrase: string) => {
    const at = text.indexOf(phrase);
    const r = shrinkByWord(text, at, at + phrase.length);
    return text.slice(r.start, r.end);
  };
  it('grows a hit by the next word and shrinks it by its last', () => {
    const text = 'Director Zhou Chong, of GIBH.\nNext line';
    expect(grow(text, 'Zhou')).toBe('Zhou Chong');
    expect(grow(text, 'Zhou Chong')).toBe('Zhou Chong, of');
    expect(grow(text, 'GIBH')).toBe('GIBH'); // the next word is on the next line
    expect(shrink(text, 'Zhou Chong, of')).toBe('Zhou Chong');
    expect(shrink(text, 'Zhou Chong')).toBe('Zhou');
    expect(shrink(text, 'Zhou')).toBe('Zhou');
  });
  it('steps by Chinese words', () => {
    const text = '广州生物医药与健康研究院成立。';
    expect(grow(text, '广州')).toBe('广州生物');
    expect(shrink(text, '广州生物')).toBe('广州');
  });
});
