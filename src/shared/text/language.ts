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

// Sticky: each is tried at one code point (scriptCounts).
const HAN = /\p{Script=Han}/uy;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/uy;
const LETTER = /\p{L}/uy;
/** CJK Unified Ideographs: every one is a letter of Han script (language.test.ts checks each against the expressions). */
const UNIFIED_FIRST = 0x4e00;
const UNIFIED_LAST = 0x9fff;

/**
 * How many code points of `text` are letters, Han and kana, in one pass (issue #19): ASCII
 * and the main CJK block, nearly every character of our archives, are told by their code;
 * any other code point by the three expressions, at its place. Counting each expression's
 * matches over the text instead called a regex per letter, twice over for Chinese.
 */
export function scriptCounts(text: string): { letters: number; han: number; kana: number } {
  let letters = 0;
  let han = 0;
  let kana = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) letters++;
      continue;
    }
    if (c >= UNIFIED_FIRST && c <= UNIFIED_LAST) {
      letters++;
      han++;
      continue;
    }
    LETTER.lastIndex = HAN.lastIndex = KANA.lastIndex = i;
    if (LETTER.test(text)) letters++;
    if (HAN.test(text)) han++;
    if (KANA.test(text)) kana++;
    // A surrogate pair is one code point, as the expressions (flag u) read it.
    if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
  }
  return { letters, han, kana };
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
  const { letters, han, kana } = scriptCounts(sample);
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
