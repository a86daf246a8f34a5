import { chineseScript } from './chinese-script';
import { guessLanguage } from './language-trigrams';

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
 * franc chooses among them (Chinese and Japanese are told by script before franc runs);
 * language-trigrams.ts gives franc's answer with franc's data at a third of its cost.
 */
const FRANC_ONLY = Object.keys(TAGS).filter((code) => code !== 'cmn' && code !== 'jpn');

const HAN = /\p{Script=Han}/gu;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/gu;
const LETTER = /\p{L}/gu;

/** Matches of a global expression in `text`, as `text.match(re).length` without the array of every match (thousands of strings per text). */
function count(re: RegExp, text: string): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.test(text)) n++;
  return n;
}

/** Fewer Han characters than this, or fewer letters of an alphabet, and the language is left unknown rather than guessed. */
const MIN_HAN = 6;
const MIN_LETTERS = 40;

/**
 * The main language of a text, as a BCP 47 tag ('en', 'zh-Hans', 'zh-Hant'...), or
 * undefined when too little text to tell (a short text's guess is wrong as often as not).
 * Han-script text is told by script share first: franc needs long samples for it, and
 * our archives mix Chinese with English names and code; then Simplified from Traditional
 * by the characters that differ.
 */
export function detectLanguage(text: string): string | undefined {
  const sample = text.length > 6000 ? `${text.slice(0, 3000)} ${text.slice(-3000)}` : text;
  const letters = count(LETTER, sample);
  const han = count(HAN, sample);
  const kana = count(KANA, sample);
  if (kana >= 3 && kana > 0.05 * letters) return 'ja';
  if (han > 0.2 * letters) return han >= MIN_HAN ? chineseScript(sample) : undefined;
  if (letters < MIN_LETTERS) return undefined;
  // A thousand characters tell these languages apart; franc's cost grows with the sample.
  const code = guessLanguage(sample.slice(0, 1000), FRANC_ONLY, 10);
  return code === 'und' ? undefined : (TAGS[code] ?? code);
}

const CJK = /^(?:zh|ja|ko)\b/;

/**
 * The language a file declares, checked against the text: Word and PDF producers stamp
 * the author's interface language ("en-US" on a Chinese handbook), so a declaration in
 * another script family than the text is overruled, and a bare "zh" gets its script.
 */
export function reconcileLanguage(declared: string | undefined, text: string): string | undefined {
  const detected = detectLanguage(text);
  if (!declared) return detected;
  if (!detected) return declared;
  if (declared === 'zh' && detected.startsWith('zh')) return detected;
  return CJK.test(declared) === CJK.test(detected) ? declared : detected;
}
