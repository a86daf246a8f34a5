import { displayWidth, firstChar, isWideCodePoint } from './chars';

/** One physical line of a plain-text document, classified. */
export interface PlainLine {
  kind: 'blank' | 'separator' | 'underline' | 'text';
  /** the line without leading and trailing whitespace (NBSP and U+3000 included) */
  content: string;
  /** columns of leading whitespace */
  indent: number;
  /** columns up to the last visible character, indentation included */
  width: number;
  /** for 'underline': 1 for ===, 2 for --- */
  underlineLevel?: number;
  marker?: ListMarker;
}

export interface ListMarker {
  /** bullets (-, *, •) are dropped from the block text; ordinals (1., (a), 一、) are kept */
  bullet: boolean;
  /** UTF-16 length of the marker and the space after it, within `content` */
  length: number;
  /** 1 for "1.", 2 for "2.1.", 3 for "3.1.4." */
  depth: number;
}

// Anything without a letter or digit made of these is a rule or a divider (----, ****,
// ____, = = =, %, ─────): it carries no text.
const SEPARATOR = /^[\s\-=_*~#+.·•%─━═—–^<>|/\\:]+$/u;
const BULLET = /^(?:[-*+]\s+|[•●○■□▪◦‣·]\s*)/u;
const ORDINAL =
  /^(?:(\d{1,3})((?:\.\d{1,3})*)[.)]\s+|\d{1,3}、\s*|[(（](?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,4})[)）]\s*|[a-z]\)\s+|[一二三四五六七八九十]{1,3}、\s*|[(（][一二三四五六七八九十]{1,3}[)）]\s*)/u;

export function classifyLine(raw: string): PlainLine {
  const content = raw.trim();
  if (content === '') return { kind: 'blank', content, indent: 0, width: 0 };
  const lead = raw.length - raw.trimStart().length;
  const indent = lead === 0 ? 0 : displayWidth(raw.slice(0, lead));
  const width = indent + displayWidth(content);
  if (/^(?:={3,}|-{3,})$/.test(content)) {
    return { kind: 'underline', content, indent, width, underlineLevel: content.startsWith('=') ? 1 : 2 };
  }
  if (SEPARATOR.test(content)) return { kind: 'separator', content, indent, width };
  const line: PlainLine = { kind: 'text', content, indent, width };
  const bullet = BULLET.exec(content);
  if (bullet && bullet[0].length < content.length) {
    line.marker = { bullet: true, length: bullet[0].length, depth: 1 };
  } else {
    const ordinal = ORDINAL.exec(content);
    if (ordinal && ordinal[0].length < content.length) {
      const depth = 1 + (ordinal[2]?.match(/\./g)?.length ?? 0);
      line.marker = { bullet: false, length: ordinal[0].length, depth };
    }
  }
  return line;
}

/**
 * The width a document was hard-wrapped at, or undefined when its lines were not wrapped
 * (one long line per paragraph, or short lines such as verse). Wrapped text has many lines
 * just under one width between ~56 and ~110 columns, and almost none beyond it.
 */
export function detectWrapWidth(lines: readonly PlainLine[]): number | undefined {
  const widths: number[] = [];
  for (const line of lines) if (line.kind === 'text') widths.push(line.width);
  if (widths.length < 4) return undefined;
  widths.sort((a, b) => a - b);
  const p95 = widths[Math.floor(0.95 * (widths.length - 1))] ?? 0;
  if (p95 < 56 || p95 > 110) return undefined;
  const floor = p95 - Math.max(10, Math.round(p95 * 0.2));
  let near = 0;
  for (const w of widths) if (w >= floor && w <= p95) near++;
  return near >= 3 && near / widths.length >= 0.4 ? p95 : undefined;
}

/** Columns the first word of `content` takes: one character for CJK, else up to a space. */
export function firstWordWidth(content: string): number {
  const first = firstChar(content);
  const cp = first.codePointAt(0) ?? 0;
  if (isWideCodePoint(cp)) return 2;
  const space = content.search(/\s/);
  return displayWidth(space === -1 ? content : content.slice(0, space));
}
