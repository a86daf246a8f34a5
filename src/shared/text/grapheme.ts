let segmenter: Intl.Segmenter | undefined;

/**
 * Whether a UTF-16 offset falls inside a user-perceived character (half a surrogate pair,
 * an emoji sequence, a letter cut from its combining mark). Only a window around the offset
 * is segmented, so checking every span of a large document stays cheap.
 */
export function splitsCharacter(text: string, at: number): boolean {
  if (at <= 0 || at >= text.length) return false;
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const from = Math.max(0, at - 32);
  const window = text.slice(from, Math.min(text.length, at + 32));
  for (const { index, segment } of segmenter.segment(window)) {
    const start = from + index;
    const end = start + segment.length;
    // The window's first segment may itself be cut by the window: only judge ones inside it.
    if (start < at && at < end) return from === 0 || index > 0;
    if (start >= at) return false;
  }
  return false;
}
