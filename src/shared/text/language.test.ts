import { describe, expect, it } from 'vitest';
import { scriptCounts } from './language';

/** The counts as the expressions give them over the whole text (what detectLanguage counted before). */
const byExpressions = (text: string) => ({
  letters: (text.match(/\p{L}/gu) ?? []).length,
  han: (text.match(/\p{Script=Han}/gu) ?? []).length,
  kana: (text.match(/[\p{Script=Hiragana}\p{Script=Katakana}]/gu) ?? []).length,
});

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i));

/** Characters of every kind scriptCounts tells apart or leaves to the expressions. */
const POOL = [
  ...'The U.S. 1,000 don’t résumé İstanbul ǅ Ωμέγα Москва 한국어 _@[`{~\t\n',
  ...'中文段落研究院，。、々〇〆ー㐀鿿豈',
  ...'ひらがなカタカナｶﾀｶﾅ',
  '𠀋', '𪜀', '😀', '⺀', '⿰', '\ud840', '\udc0b', 'x\ud840',
];

function texts(count: number): string[] {
  let seed = 20261202;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Array.from({ length: count }, () => Array.from({ length: Math.floor(next() * 200) }, () => POOL[Math.floor(next() * POOL.length)]!).join(''));
}

describe('scriptCounts', () => {
  it('tells ASCII and the CJK Unified Ideographs by code exactly as the expressions do, each code point on its own', () => {
    for (const ch of [...range(0, 0x7f), ...range(0x4e00, 0x9fff)]) expect(scriptCounts(ch), ch).toEqual(byExpressions(ch));
  });

  it('counts what the expressions count in mixed texts: other scripts, surrogate pairs, lone surrogates', () => {
    for (const text of texts(2000)) expect(scriptCounts(text), text).toEqual(byExpressions(text));
  });
});
