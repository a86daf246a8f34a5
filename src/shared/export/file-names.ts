/**
 * File names that are safe on Windows, macOS and Linux and still readable (Chinese titles
 * stay Chinese). A title is user text: it may hold "../", NUL, "CON", 300 characters.
 */

/** Bytes of UTF-8 a whole name may take: well under the 255 of most file systems, room for " (99)". */
export const MAX_NAME_BYTES = 120;

// Forbidden on Windows (<>:"/\|?*), control characters, and bidi overrides that can
// disguise an extension ("txt.exe" shown as "exe.txt").
const FORBIDDEN = /[<>:"/\\|?*\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]|\p{Cs}/gu;
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;

/** UTF-8 length without TextEncoder (src/shared has neither DOM nor Node types). */
export function utf8Length(text: string): number {
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

let graphemes: Intl.Segmenter | undefined;

/** The stem for a file name: no separators, no control characters, not reserved, not hidden. */
export function safeStem(title: string, fallback = 'untitled'): string {
  let stem = title.normalize('NFC').replace(FORBIDDEN, ' ').replace(/\s+/g, ' ');
  // Leading dots hide files (and ".." must never survive); trailing dots and spaces are dropped by Windows.
  stem = stem.replace(/^[\s.]+/, '').replace(/[\s.]+$/, '');
  if (!stem) stem = fallback;
  // CON, NUL, COM1 ... are devices on Windows whatever the extension ("nul.tar.gz" too).
  const device = stem.split('.')[0]!.trimEnd();
  if (RESERVED.test(device)) stem = `${device}_${stem.slice(device.length)}`;
  return stem;
}

/** Cuts `text` to at most `maxBytes` of UTF-8 on a grapheme boundary (an emoji or 字 is never halved). */
export function cutToBytes(text: string, maxBytes: number): string {
  if (utf8Length(text) <= maxBytes) return text;
  graphemes ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  let out = '';
  let bytes = 0;
  for (const { segment } of graphemes.segment(text)) {
    const n = utf8Length(segment);
    if (bytes + n > maxBytes) break;
    out += segment;
    bytes += n;
  }
  return out;
}

/**
 * Hands out unique, safe file names within one folder. Names are compared case-insensitively
 * (Windows and macOS fold case), so "Report.md" and "report.md" become "report (2).md".
 */
export class FileNames {
  private readonly taken = new Set<string>();

  constructor(reserved: readonly string[] = []) {
    for (const name of reserved) this.taken.add(fold(name));
  }

  /**
   * A unique name `<stem><ext>` (or `<stem> (n)<ext>`) for a title. When `exts` holds several
   * extensions (brat's .txt and .ann), the stem is free for all of them and reserved for all.
   */
  take(title: string, exts: readonly string[]): string {
    const base = safeStem(title);
    const longestExt = Math.max(...exts.map((e) => utf8Length(e)));
    for (let n = 1; ; n++) {
      const suffix = n === 1 ? '' : ` (${n})`;
      const room = MAX_NAME_BYTES - longestExt - utf8Length(suffix);
      const stem = safeStem(cutToBytes(base, room)) + suffix;
      if (exts.every((ext) => !this.taken.has(fold(stem + ext)))) {
        for (const ext of exts) this.taken.add(fold(stem + ext));
        return stem;
      }
    }
  }
}

const fold = (name: string) => name.normalize('NFC').toLowerCase();
