import { isCjk, median, percentile, type Line } from './pdf-lines';
import { concat, retrace } from './pdf-trace';

/** A block found on a PDF page, before headings are told apart from paragraphs. */
export interface PdfBlock {
  kind: 'heading' | 'paragraph' | 'list-item' | 'code';
  text: string;
  /** where each character of text came from on its page (pdf-trace.ts) */
  src: number[];
  level?: number;
  /** 1-based page number */
  page: number;
  size: number;
  lines: number;
  x0: number;
}

const BULLET = /^(?:[•●▪◦‣∙○■□➢►✓]\s*|[–\-*]\s+)/u;
const NUMBERED = /^(?:\(?\d{1,3}[.)]|\(?[a-z][.)])\s/u;
const SENTENCE_END = /[.!?:;。！？：；…”’"')）」』]$/u;
const CJK_PUNCT = /[\u3000-\u303f\uff00-\uffef]/u;

/**
 * Joins two lines of one paragraph. A word hyphenated at the line end is rejoined when
 * the next line goes on in lower case; Chinese has no spaces between words, so a line
 * break between two CJK characters (俱乐|部) joins without one.
 */
export function joinLines(a: string, b: string): string {
  if (!a) return b;
  if (!b) return a;
  if (a.endsWith('\u00ad')) return a.slice(0, -1) + b;
  if (/\p{L}-$/u.test(a) && /^\p{Ll}/u.test(b)) return a.slice(0, -1) + b;
  // A hyphen before a capital or a digit is part of the word (Trace-Monkey, IEEE-754).
  if (/\p{L}-$/u.test(a) && /^[\p{Lu}\p{N}]/u.test(b)) return a + b;
  const last = a[a.length - 1];
  const first = b[0];
  if (isCjk(last) && isCjk(first)) return a + b;
  if (CJK_PUNCT.test(last ?? '') || CJK_PUNCT.test(first ?? '')) return a + b;
  return `${a} ${b}`;
}

interface Draft {
  kind: PdfBlock['kind'];
  parts: Line[];
  text: string;
  src: number[];
}

/** Paragraphs of one page, from its column groups in reading order. */
export function pageBlocks(groups: Line[][], page: number): PdfBlock[] {
  const blocks: PdfBlock[] = [];
  let draft: Draft | undefined;
  const flush = (): void => {
    if (draft && draft.text.trim()) blocks.push(finish(draft, page));
    draft = undefined;
  };
  for (const group of groups) {
    const leading = lineSpacing(group);
    const left = Math.min(...group.map((l) => l.x0));
    const right = Math.max(...group.map((l) => l.x1));
    group.forEach((line, i) => {
      const prev = draft?.parts[draft.parts.length - 1];
      if (draft && prev && i === 0 && !continuesInNextColumn(draft, prev, line)) flush();
      else if (draft && prev && i > 0 && breaksBefore(draft, prev, line, group[i + 1], { leading, left, right })) flush();
      if (!draft) {
        draft = { kind: line.mono ? 'code' : startKind(line.text), parts: [line], text: line.text, src: line.src };
        return;
      }
      const text = append(draft, prev!, line, leading, left);
      draft.src = retrace(concat([draft, line]), text);
      draft.text = text;
      draft.parts.push(line);
    });
  }
  flush();
  listLevels(blocks);
  return blocks;
}

// Nesting of list items, from how far right their markers sit: each distinct indent is a level.
function listLevels(blocks: PdfBlock[]): void {
  const items = blocks.filter((b) => b.kind === 'list-item');
  const indents: number[] = [];
  for (const x of items.map((b) => b.x0).sort((a, b) => a - b)) {
    if (indents.length === 0 || x - indents[indents.length - 1]! > 4) indents.push(x);
  }
  for (const b of items) b.level = Math.min(6, indents.filter((x) => x <= b.x0 + 4).length);
}

function startKind(text: string): PdfBlock['kind'] {
  return BULLET.test(text) || NUMBERED.test(text) ? 'list-item' : 'paragraph';
}

function finish(draft: Draft, page: number): PdfBlock {
  const size = median(draft.parts.map((l) => l.size));
  const text = draft.kind === 'list-item' ? draft.text.replace(BULLET, '') : draft.text;
  const src = text === draft.text ? draft.src : draft.src.slice(draft.text.length - text.length);
  const lines = new Set(draft.parts.map((l) => Math.round(l.y))).size;
  return { kind: draft.kind, text, src, page, size, lines, x0: draft.parts[0]!.x0 };
}

function append(draft: Draft, prev: Line, line: Line, leading: number, left: number): string {
  const sameRow = Math.abs(prev.y - line.y) < 0.3 * line.size;
  if (draft.kind !== 'code') {
    if (!sameRow) return joinLines(draft.text, line.text);
    return isCjk(draft.text[draft.text.length - 1]) && isCjk(line.text[0]) ? draft.text + line.text : `${draft.text} ${line.text}`;
  }
  if (sameRow) return `${draft.text} ${line.text}`;
  // Code keeps its lines and indentation; a wide gap is a blank line inside the listing.
  const charWidth = (line.x1 - line.x0) / Math.max(1, line.text.length) || line.size * 0.6;
  const codeLeft = Math.min(left, ...draft.parts.map((l) => l.x0));
  const indent = ' '.repeat(Math.max(0, Math.min(40, Math.round((line.x0 - codeLeft) / charWidth))));
  const blank = prev.y - line.y > 1.7 * leading * line.size ? '\n' : '';
  return `${draft.text}\n${blank}${indent}${line.text}`;
}

// The usual distance between baselines in this column, in ems of the font size: a larger
// gap ends a paragraph. In ems, so that a title set large is not cut into lines.
function lineSpacing(group: Line[]): number {
  const gaps: number[] = [];
  for (let i = 1; i < group.length; i++) {
    const dy = group[i - 1]!.y - group[i]!.y;
    const size = group[i]!.size;
    if (dy > 0.8 * size && dy < 2.5 * size && Math.abs(group[i - 1]!.size - size) < 0.1 * size) gaps.push(dy / size);
  }
  // The lower end: where paragraphs are short, gaps between them are half the sample.
  return gaps.length ? percentile(gaps, 0.3) : 1.2;
}

function breaksBefore(draft: Draft, prev: Line, line: Line, next: Line | undefined, col: { leading: number; left: number; right: number }): boolean {
  const dy = prev.y - line.y;
  if (Math.abs(dy) < 0.3 * line.size) return false;
  if (dy < 0 || dy > (col.leading * 1.35 + 0.05) * line.size) return true;
  if (Math.abs(prev.size - line.size) > 0.12 * Math.max(prev.size, line.size)) return true;
  if (prev.mono !== line.mono) return true;
  if (line.mono) return false;
  if (BULLET.test(line.text) || NUMBERED.test(line.text)) return true;
  // A list item's later lines hang under its text, further right than its marker.
  const hangsBack = line.x0 < draft.parts[0]!.x0 + 0.5 * line.size && line.x0 < prev.x0 - 0.5 * line.size;
  if (draft.kind === 'list-item' && hangsBack) return true;
  // First-line indent: this line starts further right than the lines around it.
  const indent = line.x0 - col.left;
  const indented = indent > 0.8 * line.size && indent < 8 * line.size && line.x0 > prev.x0 + 0.5 * line.size;
  if (indented && draft.kind !== 'list-item' && (!next || next.x0 < line.x0 - 0.5 * line.size)) return true;
  // The previous line ended a sentence well short of the column's right edge.
  const short = prev.x1 < col.right - Math.max(0.15 * (col.right - col.left), 2 * prev.size);
  return short && SENTENCE_END.test(prev.text);
}

// A paragraph cut by a column or a band goes on in the next group when nothing says it ended.
function continuesInNextColumn(draft: Draft, prev: Line, line: Line): boolean {
  if (draft.kind === 'code' || line.mono) return draft.kind === 'code' && line.mono && line.y > prev.y;
  if (Math.abs(prev.size - line.size) > 0.12 * line.size || line.y < prev.y) return false;
  if (SENTENCE_END.test(draft.text)) return false;
  return /^\p{Ll}/u.test(line.text) || (isCjk(line.text[0]) && !CJK_PUNCT.test(line.text[0] ?? ''));
}
