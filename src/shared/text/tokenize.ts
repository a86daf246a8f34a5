/**
 * Tokeniser for search: the same code cuts documents at index time and queries at search
 * time, so that both sides agree on what a term is.
 *
 * Folding: NFKC (fullwidth "２０２４" -> "2024", compatibility ideographs -> unified), then
 * lower case. Diacritics are KEPT: "résumé" and "resume" are different terms. Folding
 * them would conflate real words (French, pinyin tone marks, Vietnamese) and the archive
 * is English and Chinese, where it buys little. A trailing English possessive is dropped
 * ("China's" -> "china") so that a query for the name finds it.
 *
 * Words outside CJK come from one regex that follows UAX #29 for the cases that matter
 * here (letters, marks, digits; joined by an inner apostrophe or full stop, "U.S", "3.5",
 * "don't"; by a comma between digits, "1,000"; "14th" and "2024" stay whole). It gives
 * the same words as Intl.Segmenter('en') on these cases and is far faster: the segmenter
 * slows down sharply on long strings in Node 20 (TOOLCHAIN.md "Speed facts"), so it only
 * sees CJK runs, which punctuation keeps short, and those in slices of at most 256 chars.
 *
 * CJK (Han, Kana) runs give three kinds of terms:
 * - every character (unigram) and every pair of adjacent characters (bigram). A query
 *   word of two or more characters is looked up by its bigrams, which a document holds
 *   whenever it holds the word as a substring, however the segmenter split it there
 *   (it may cut 生物医药 as 生物/医药 in one text and 生/物医/药 in another). Unigrams let
 *   a one-character query (省, 党) find anything;
 * - the words Intl.Segmenter('zh') finds that are longer than two characters (研究院):
 *   shorter ones are already a unigram or bigram, so nothing is counted twice.
 * Hangul is spaced like Latin and goes through the word regex.
 */

export interface Token {
  /** folded form: what the index stores and the query looks up */
  term: string;
  /** UTF-16 offsets into the input, end exclusive */
  start: number;
  end: number;
}

/** Bump when the terms this file produces change: persisted indexes are then rebuilt. */
export const TOKENIZER_VERSION = 1;

const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\u30fc';
const WORD_CHAR = `[[\\p{L}\\p{M}\\p{N}]--[${CJK}]]`;
// The `v` flag (set subtraction) is built at run time: TypeScript rejects it below ES2024.
const UNITS = new RegExp(
  `([${CJK}]+)|(${WORD_CHAR}+(?:(?:['’.]|(?<=\\p{N}),(?=\\p{N}))${WORD_CHAR}+)*)`,
  'gv',
);
const ASCII = /^[\x20-\x7e]*$/;
const SURROGATE = /[\ud800-\udfff]/;
const COMPAT_IDEOGRAPH = /[\uf900-\ufaff]/;
const SEGMENT_SLICE = 256;

let zhWords: Intl.Segmenter | undefined;

/** Folds one non-CJK word to its term. */
export function foldWord(word: string): string {
  const folded = ASCII.test(word) ? word.toLowerCase() : word.normalize('NFKC').toLowerCase();
  // As folded.replace(/['’]s$/, ''), without running a regex over every word of every document.
  const n = folded.length;
  if (n <= 2 || folded.charCodeAt(n - 1) !== 0x73) return folded;
  const quote = folded.charCodeAt(n - 2);
  return quote === 0x27 || quote === 0x2019 ? folded.slice(0, n - 2) : folded;
}

/** Folds one CJK run; keeps its length so that offsets into it stay valid. */
export function foldCjk(run: string): string {
  if (!COMPAT_IDEOGRAPH.test(run)) return run;
  const folded = run.normalize('NFKC');
  return folded.length === run.length ? folded : run;
}

/**
 * Calls `fn` for every word (folded) and every whole CJK run (folded, `cjk` true), in
 * text order. This is the level queries, phrase checks and hit finding work at.
 */
export function scanUnits(text: string, fn: (term: string, start: number, end: number, cjk: boolean) => void): void {
  const units = new RegExp(UNITS); // own lastIndex: callers may nest scans
  for (let m = units.exec(text); m; m = units.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (m[1] !== undefined) fn(foldCjk(m[1]), start, end, true);
    else fn(foldWord(m[0]), start, end, false);
  }
}

/** Start offsets of the code points of `run` (Han extension B-G are surrogate pairs). */
function codePointStarts(run: string): number[] {
  const starts: number[] = [];
  if (!SURROGATE.test(run)) {
    for (let i = 0; i < run.length; i++) starts.push(i);
    return starts;
  }
  for (let i = 0; i < run.length; i++) {
    starts.push(i);
    const c = run.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < run.length) i++;
  }
  return starts;
}

/** The terms a CJK query word is looked up by: itself when one character, else its bigrams. */
export function cjkGrams(run: string): string[] {
  const starts = codePointStarts(run);
  if (starts.length <= 1) return run ? [run] : [];
  const grams = new Set<string>();
  for (let k = 0; k + 1 < starts.length; k++) grams.add(run.slice(starts[k], starts[k + 2] ?? run.length));
  return [...grams];
}

function emitCjk(run: string, offset: number, fn: (term: string, start: number, end: number) => void): void {
  const starts = codePointStarts(run);
  const n = starts.length;
  for (let k = 0; k < n; k++) {
    const s = starts[k]!;
    const e1 = starts[k + 1] ?? run.length;
    fn(run.slice(s, e1), offset + s, offset + e1);
    if (k + 1 < n) {
      const e2 = starts[k + 2] ?? run.length;
      fn(run.slice(s, e2), offset + s, offset + e2);
    }
  }
  if (n < 3) return;
  zhWords ??= new Intl.Segmenter('zh', { granularity: 'word' });
  for (let from = 0; from < run.length; ) {
    let to = Math.min(run.length, from + SEGMENT_SLICE);
    const last = run.charCodeAt(to - 1);
    if (to < run.length && last >= 0xd800 && last <= 0xdbff) to--;
    for (const { segment, index } of zhWords.segment(run.slice(from, to))) {
      // Longer than two code points: one- and two-character words are already grams.
      if (segment.length > 2 && codePointStarts(segment).length > 2) {
        fn(segment, offset + from + index, offset + from + index + segment.length);
      }
    }
    from = to;
  }
}

/** Every index term of `text` with its offsets, without building token objects. */
export function forEachTerm(text: string, fn: (term: string, start: number, end: number) => void): void {
  scanUnits(text, (term, start, end, cjk) => {
    if (cjk) emitCjk(term, start, fn);
    else fn(term, start, end);
  });
}

/** Every index term of `text`: words, CJK unigrams, bigrams and longer segmenter words. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  forEachTerm(text, (term, start, end) => tokens.push({ term, start, end }));
  return tokens;
}
