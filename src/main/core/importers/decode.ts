import { analyse } from 'chardet';
import { plausibility } from './decode-score';
import { ImportError } from './types';

export interface DecodedText {
  text: string;
  /** WHATWG name of the encoding the bytes were read as: utf-8, utf-16le, gb18030, big5, ... */
  encoding: string;
}

// chardet has little to go on in short files (every candidate at 10%, or GB18030 missing
// from the list): these are always tried too, after its own candidates.
const FALLBACKS = ['gb18030', 'big5', 'windows-1252'];
// A text file has next to no control characters; a binary file read as text has many.
const MAX_CONTROL_RATIO = 0.05;

/**
 * Turns a file's bytes into text: byte-order mark first, then strict UTF-8, then
 * chardet's candidates, each decoded strictly and scored on the text they yield.
 * Throws ImportError for an empty file or binary content.
 */
export function decodeText(bytes: Uint8Array, _fileName: string): DecodedText {
  if (bytes.length === 0) throw new ImportError('empty file');

  const bom = bomEncoding(bytes);
  if (bom) return checked(new TextDecoder(bom).decode(bytes), bom);

  const utf16 = bomlessUtf16(bytes);
  if (utf16) {
    const text = tryDecode(bytes, utf16);
    if (text !== undefined) return checked(text, utf16);
  }
  if (bytes.includes(0)) throw binary();

  const utf8 = tryDecode(bytes, 'utf-8');
  if (utf8 !== undefined) return checked(utf8, 'utf-8');

  const candidates = analyse(bytes).map((m) => ({ encoding: decoderName(m.name), confidence: m.confidence / 100 }));
  for (const encoding of FALLBACKS) candidates.push({ encoding, confidence: 0 });
  const tried = new Set<string>();
  let best: { text: string; encoding: string; score: number } | undefined;
  for (const { encoding, confidence } of candidates) {
    if (!encoding || tried.has(encoding)) continue;
    tried.add(encoding);
    const text = tryDecode(bytes, encoding);
    if (text === undefined) continue;
    const score = confidence + plausibility(text, encoding);
    // On a tie (chardet often rates windows-1252 and -1254 alike) the Western default wins.
    if (!best || score > best.score || (score === best.score && encoding === 'windows-1252')) best = { text, encoding, score };
  }
  if (best) return checked(best.text, best.encoding);
  // Nothing decodes cleanly: keep what UTF-8 can read rather than refuse the file.
  return checked(new TextDecoder('utf-8').decode(bytes), 'utf-8');
}

function bomEncoding(b: Uint8Array): string | undefined {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8';
  if (b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  return undefined;
}

// UTF-16 without a BOM: ASCII-range text leaves a zero in every other byte.
function bomlessUtf16(b: Uint8Array): string | undefined {
  const n = Math.min(b.length, 4096) & ~1;
  if (n < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenZeros++;
    if (b[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'utf-16be';
  return undefined;
}

function tryDecode(bytes: Uint8Array, encoding: string): string | undefined {
  try {
    const text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
    return encoding === 'windows-1252' ? fixWindows1252(text) : text;
  } catch {
    return undefined;
  }
}

// Node 20's TextDecoder reads windows-1252 as ISO-8859-1: 0x80-0x9F come out as C1
// controls instead of € ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ.
const CP1252_C1 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function fixWindows1252(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80] ?? c);
}

/** chardet's name -> a label TextDecoder accepts here, or undefined when it has none. */
function decoderName(name: string): string | undefined {
  const upper = name.toUpperCase();
  // GB18030 is a superset of GB2312 and GBK: one decoder reads all three.
  if (upper === 'GB2312' || upper === 'GBK' || upper === 'GB18030') return 'gb18030';
  if (upper.startsWith('UTF-32') || upper === 'UTF-8' || upper === 'ISO-2022-CN' || upper === 'ISO-2022-KR') return undefined;
  try {
    return new TextDecoder(name).encoding;
  } catch {
    return undefined;
  }
}

function checked(text: string, encoding: string): DecodedText {
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c && c !== 0x1b) || c === 0x7f) controls++;
  }
  if (controls > 0 && (text.includes('\u0000') || controls / text.length > MAX_CONTROL_RATIO)) throw binary();
  return { text, encoding };
}

function binary(): ImportError {
  return new ImportError('not a text file (binary content)');
}
