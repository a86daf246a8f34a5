import { franc } from 'franc-min';

/** ISO 639-3 (franc) -> the BCP 47 tags the UI shows and filters by. */
const TAGS: Record<string, string> = {
  cmn: 'zh',
  eng: 'en',
  fra: 'fr',
  deu: 'de',
  spa: 'es',
  por: 'pt',
  rus: 'ru',
  jpn: 'ja',
  kor: 'ko',
  arb: 'ar',
  ita: 'it',
  nld: 'nl',
};

/**
 * franc compares a text with every language it knows (about 80 in franc-min), which made
 * language detection a quarter of import time. Our archives hold the languages above, so
 * franc chooses among them (Chinese and Japanese are told by script before franc runs).
 */
const FRANC_ONLY = Object.keys(TAGS).filter((code) => code !== 'cmn' && code !== 'jpn');

const HAN = /\p{Script=Han}/gu;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/gu;
const LETTER = /\p{L}/gu;

/**
 * The main language of a text, as a BCP 47 tag ('en', 'zh'...), or undefined when too
 * little text. Han-script text is told by script share first: franc needs long samples
 * for it, and our archives mix Chinese with English names and code.
 */
export function detectLanguage(text: string): string | undefined {
  const sample = text.length > 6000 ? `${text.slice(0, 3000)} ${text.slice(-3000)}` : text;
  const letters = sample.match(LETTER)?.length ?? 0;
  if (letters < 10) return undefined;
  const han = sample.match(HAN)?.length ?? 0;
  const kana = sample.match(KANA)?.length ?? 0;
  if (kana > 0.05 * letters) return 'ja';
  if (han > 0.2 * letters) return 'zh';
  // A thousand characters tell these languages apart; franc's cost grows with the sample.
  const code = franc(sample.slice(0, 1000), { minLength: 10, only: FRANC_ONLY });
  return code === 'und' ? undefined : (TAGS[code] ?? code);
}
