/** Offset arithmetic for selections: pure, so that it is tested without a DOM. */

export interface TextRange {
  start: number;
  end: number;
}

/** A point `within` units into a block's text, kept inside the block. */
export function pointInBlock(blockStart: number, blockEnd: number, within: number): number {
  return Math.min(blockEnd, Math.max(blockStart, blockStart + Math.max(0, within)));
}

const SPACE = /\s/;

/**
 * The range the user meant: empty or inverted ranges are none; white space at either end
 * (a double-click in Chromium takes the space after a word) is left out. Never splits a
 * surrogate pair: a boundary inside one moves outward.
 */
export function snapRange(text: string, start: number, end: number): TextRange | null {
  let s = Math.max(0, start);
  let e = Math.min(text.length, end);
  while (s < e && SPACE.test(text[s]!)) s++;
  while (e > s && SPACE.test(text[e - 1]!)) e--;
  if (s > 0 && isLowSurrogate(text.charCodeAt(s))) s--;
  if (e < text.length && isLowSurrogate(text.charCodeAt(e))) e++;
  return e > s ? { start: s, end: e } : null;
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** Index of the last entry whose start is <= offset, in a list sorted by start; -1 when none. */
export function lastStartingAtOrBefore(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
