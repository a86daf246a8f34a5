/**
 * Word boundaries for entity work: snapping a selection to whole words, and finding whole-
 * word occurrences ("tag all"). Latin text breaks at non-letters; Han/Kana text has no
 * spaces, so there Intl.Segmenter's dictionary boundaries decide. The segmenter only ever
 * sees a small window around the position (it slows sharply on long strings).
 */

const WINDOW = 64;
const WORD_CHAR = /[\p{L}\p{N}\p{M}_'’-]/u;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

let segmenter: Intl.Segmenter | undefined;
const words = () => (segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' }));

/** The code point that ends just before `index` / starts at `index` (as a string), or ''. */
function before(text: string, index: number): string {
  if (index <= 0) return '';
  const low = text.charCodeAt(index - 1);
  return low >= 0xdc00 && low <= 0xdfff && index >= 2 ? text.slice(index - 2, index) : text.slice(index - 1, index);
}

function after(text: string, index: number): string {
  if (index >= text.length) return '';
  const high = text.charCodeAt(index);
  return high >= 0xd800 && high <= 0xdbff ? text.slice(index, index + 2) : text.slice(index, index + 1);
}

/** Segment boundaries (offsets into `text`) around `index`, from a window of the text. */
function segmentBoundaries(text: string, index: number): Set<number> {
  const from = Math.max(0, index - WINDOW);
  const slice = text.slice(from, Math.min(text.length, index + WINDOW));
  const bounds = new Set<number>();
  for (const { index: i, segment } of words().segment(slice)) {
    bounds.add(from + i);
    bounds.add(from + i + segment.length);
  }
  return bounds;
}

/** Whether a word may begin or end at `index`. */
export function isWordBoundary(text: string, index: number): boolean {
  const left = before(text, index);
  const right = after(text, index);
  if (!left || !right) return true;
  const leftWord = WORD_CHAR.test(left);
  const rightWord = WORD_CHAR.test(right);
  if (!leftWord || !rightWord) return true;
  if (CJK.test(left) || CJK.test(right)) {
    if (!(CJK.test(left) && CJK.test(right))) return true; // Han next to Latin: a boundary
    return segmentBoundaries(text, index).has(index);
  }
  return false;
}

/**
 * Widens [start, end) to whole words and trims surrounding spaces and punctuation, so a
 * sloppy selection ("e Chinese Academy of Sc") tags the words it touches.
 */
export function snapToWords(text: string, start: number, end: number): { start: number; end: number } {
  let s = Math.max(0, Math.min(start, text.length));
  let e = Math.max(s, Math.min(end, text.length));
  while (s < e && !WORD_CHAR.test(after(text, s))) s += after(text, s).length;
  while (e > s && !WORD_CHAR.test(before(text, e))) e -= before(text, e).length;
  if (s === e) return { start, end };
  while (s > 0 && !isWordBoundary(text, s)) s -= before(text, s).length;
  while (e < text.length && !isWordBoundary(text, e)) e += after(text, e).length;
  return { start: s, end: e };
}

/** Folds what should not matter when matching names: case (optionally), width, runs of spaces. */
export function foldName(name: string, caseSensitive = false): string {
  const folded = name.normalize('NFKC').replace(/\s+/g, ' ').trim();
  return caseSensitive ? folded : folded.toLowerCase();
}

/** Every whole-word occurrence of `needle` in `text`, exact or case-insensitive. */
export function findOccurrences(text: string, needle: string, options: { caseSensitive?: boolean } = {}): { start: number; end: number }[] {
  const wanted = needle.trim();
  if (!wanted) return [];
  const haystack = options.caseSensitive ? text : text.toLowerCase();
  const pattern = options.caseSensitive ? wanted : wanted.toLowerCase();
  // toLowerCase can change lengths (e.g. "İ"); then offsets would drift: fall back to exact.
  const aligned = haystack.length === text.length && pattern.length === wanted.length;
  const hay = aligned ? haystack : text;
  const pat = aligned ? pattern : wanted;
  const found: { start: number; end: number }[] = [];
  for (let at = hay.indexOf(pat); at !== -1; at = hay.indexOf(pat, at + 1)) {
    const end = at + pat.length;
    if (isWordBoundary(text, at) && isWordBoundary(text, end)) found.push({ start: at, end });
  }
  return found;
}

/**
 * Grows [start, end) by the next word after it (and what stands between: "Zhou" → "Zhou Chong").
 * In Chinese the next word is the segmenter's. Unchanged at the end of the text.
 */
export function growByWord(text: string, start: number, end: number): { start: number; end: number } {
  let e = end;
  while (e < text.length && !WORD_CHAR.test(after(text, e))) {
    if (after(text, e) === '\n') return { start, end }; // a word on the next line is not part of the name
    e += after(text, e).length;
  }
  if (e >= text.length) return { start, end };
  e += after(text, e).length;
  while (e < text.length && WORD_CHAR.test(after(text, e)) && !isWordBoundary(text, e)) e += after(text, e).length;
  return { start, end: e };
}

/** Shrinks [start, end) by its last word ("Zhou Chong" → "Zhou"); a single word stays as it is. */
export function shrinkByWord(text: string, start: number, end: number): { start: number; end: number } {
  let e = end;
  while (e > start && !WORD_CHAR.test(before(text, e))) e -= before(text, e).length;
  if (e <= start) return { start, end };
  e -= before(text, e).length;
  while (e > start && WORD_CHAR.test(before(text, e)) && !isWordBoundary(text, e)) e -= before(text, e).length;
  while (e > start && !WORD_CHAR.test(before(text, e))) e -= before(text, e).length;
  return e > start ? { start, end: e } : { start, end };
}
