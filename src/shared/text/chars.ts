/** Character classes the plain-text block builder needs: display width and CJK joins. */

/** East Asian Wide/Fullwidth ranges (approximate, no table): what terminals draw in 2 columns. */
export function isWideCodePoint(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** Columns a line occupies when shown in a monospace font; tabs go to the next multiple of 8. */
export function displayWidth(line: string): number {
  let width = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c < 0x1100) {
      width = c === 9 ? width + 8 - (width % 8) : width + 1;
      continue;
    }
    let cp = c;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < line.length) {
      cp = ((c - 0xd800) << 10) + (line.charCodeAt(i + 1) - 0xdc00) + 0x10000;
      i++;
    }
    width += isWideCodePoint(cp) ? 2 : 1;
  }
  return width;
}

// Scripts written without spaces between words; Hangul is excluded on purpose (Korean
// uses spaces). Includes CJK punctuation and full-width forms.
const NO_SPACE_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]/u;
const QUOTE_OR_DASH = /[\u2018\u2019\u201c\u201d\u2014\u2026\u00b7]/u;

/**
 * The separator to use when re-joining a hard-wrapped line that ends with `before` and
 * continues with `after` (single characters, or '' at an edge).
 */
export function joinSeparator(before: string, after: string): string {
  const b = NO_SPACE_SCRIPT.test(before);
  const a = NO_SPACE_SCRIPT.test(after);
  if (b && a) return '';
  // Chinese wrapped next to a curly quote or ellipsis: “stable”！ must not become “stable” ！
  if ((b && QUOTE_OR_DASH.test(after)) || (a && QUOTE_OR_DASH.test(before))) return '';
  return ' ';
}

/** Last UTF-16 unit that is not whitespace; a lone low surrogate is fine for our classes. */
export function lastChar(s: string): string {
  const cp = s.codePointAt(s.length - 1);
  if (cp === undefined) return '';
  if (s.length >= 2 && cp >= 0xdc00 && cp <= 0xdfff) return String.fromCodePoint(s.codePointAt(s.length - 2) ?? cp);
  return String.fromCodePoint(cp);
}

export function firstChar(s: string): string {
  const cp = s.codePointAt(0);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}
