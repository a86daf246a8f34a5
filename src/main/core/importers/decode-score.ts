import { COMMON_HANZI } from './common-hanzi';

const CHINESE = new Set(['gb18030', 'gbk', 'big5']);
const JAPANESE = new Set(['shift_jis', 'euc-jp', 'iso-2022-jp']);
const SAMPLE = 20000;

/**
 * How much the decoded text looks like writing in the encoding's language, 0..2.
 * Chinese: share of very common characters among the non-ASCII ones; a GB18030 file read as
 * Big5 (or the reverse) decodes to valid but rare characters, kana and private-use
 * code points, so this tells them apart where chardet's confidence cannot.
 */
export function plausibility(text: string, encoding: string): number {
  const sample = text.length > SAMPLE ? text.slice(0, SAMPLE) : text;
  let han = 0;
  let common = 0;
  let kana = 0;
  let odd = 0;
  let other = 0;
  for (const ch of sample) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x80) continue;
    if (cp >= 0x4e00 && cp <= 0x9fff) {
      han++;
      if (COMMON_HANZI.has(ch)) common++;
    } else if (cp >= 0x3040 && cp <= 0x30ff) kana++;
    else if ((cp >= 0xe000 && cp <= 0xf8ff) || cp === 0xfffd || (cp >= 0x80 && cp <= 0x9f)) odd++;
    else other++;
  }
  const nonAscii = han + kana + odd + other;
  if (nonAscii === 0) return 0;
  const penalty = odd / nonAscii;
  if (CHINESE.has(encoding)) return 2 * (common / nonAscii) - penalty;
  if (JAPANESE.has(encoding)) return (kana + common) / nonAscii - penalty;
  return -penalty;
}

