import type { TextTarget } from './types';

/** Prefix and suffix length Hypothesis uses: enough to tell repeated quotes apart. */
export const DEFAULT_CONTEXT_LENGTH = 32;

function isHigh(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLow(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** True when `offset` falls between the two halves of a surrogate pair. */
export function splitsSurrogatePair(text: string, offset: number): boolean {
  return offset > 0 && offset < text.length && isHigh(text.charCodeAt(offset - 1)) && isLow(text.charCodeAt(offset));
}

/**
 * The selectors for `text.slice(start, end)`. Throws a RangeError on an empty,
 * out-of-range or non-integer range, or one that cuts an emoji (surrogate pair) in half:
 * such a quote could never be shown or exported as valid Unicode.
 */
export function describeRange(
  text: string,
  start: number,
  end: number,
  contextLength = DEFAULT_CONTEXT_LENGTH,
): TextTarget {
  if (!Number.isInteger(start) || !Number.isInteger(end)) {
    throw new RangeError(`range offsets must be integers, got [${start}, ${end})`);
  }
  if (start < 0 || end > text.length || start >= end) {
    throw new RangeError(`range [${start}, ${end}) is empty or outside the text (length ${text.length})`);
  }
  if (splitsSurrogatePair(text, start) || splitsSurrogatePair(text, end)) {
    throw new RangeError(`range [${start}, ${end}) splits a surrogate pair`);
  }
  if (!Number.isInteger(contextLength) || contextLength < 0) {
    throw new RangeError(`contextLength must be a non-negative integer, got ${contextLength}`);
  }
  // Context may be one code unit shorter than asked rather than begin or end with half a pair.
  let prefixStart = Math.max(0, start - contextLength);
  if (splitsSurrogatePair(text, prefixStart)) prefixStart += 1;
  let suffixEnd = Math.min(text.length, end + contextLength);
  if (splitsSurrogatePair(text, suffixEnd)) suffixEnd -= 1;
  return {
    start,
    end,
    quote: text.slice(start, end),
    prefix: text.slice(prefixStart, start),
    suffix: text.slice(end, suffixEnd),
  };
}
