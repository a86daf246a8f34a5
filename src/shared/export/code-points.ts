/**
 * Our offsets are UTF-16 code units (JavaScript strings); W3C TextPositionSelector, brat,
 * doccano and CoNLL tools (Python) count Unicode code points. An astral character (emoji,
 * CJK extension B) is two units but one code point, so every offset after it differs.
 */
export interface OffsetMap {
  /** code point offset of a UTF-16 offset (which must not split a surrogate pair) */
  toCodePoint(utf16: number): number;
  /** UTF-16 offset of a code point offset; -1 when past the end */
  toUtf16(codePoint: number): number;
  /** the text's length in code points */
  readonly codePoints: number;
}

const ASTRAL = /[\ud800-\udbff][\udc00-\udfff]/;

export function offsetMap(text: string): OffsetMap {
  // Most texts have no astral characters: offsets are then the same in both units.
  if (!ASTRAL.test(text)) {
    return { toCodePoint: (u) => u, toUtf16: (c) => (c >= 0 && c <= text.length ? c : -1), codePoints: text.length };
  }
  // cpBefore[u] = code points before UTF-16 offset u; starts[c] = UTF-16 offset of code point c.
  const cpBefore = new Int32Array(text.length + 1);
  const starts: number[] = [];
  let cp = 0;
  for (let u = 0; u < text.length; u++) {
    cpBefore[u] = cp;
    starts.push(u);
    const c = text.charCodeAt(u);
    if (c >= 0xd800 && c <= 0xdbff && u + 1 < text.length) {
      const d = text.charCodeAt(u + 1);
      if (d >= 0xdc00 && d <= 0xdfff) cpBefore[++u] = cp;
    }
    cp++;
  }
  cpBefore[text.length] = cp;
  starts.push(text.length);
  return {
    toCodePoint: (u) => cpBefore[u]!,
    toUtf16: (c) => (Number.isInteger(c) && c >= 0 && c < starts.length ? starts[c]! : -1),
    codePoints: cp,
  };
}
