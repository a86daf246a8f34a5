import type { Block } from '../model';
import { firstChar, joinSeparator, lastChar } from './chars';
import { DocumentBuilder } from './document-builder';
import { startDraft, type Draft } from './plain-draft';
import { markHeadings } from './plain-headings';
import { classifyLine, detectWrapWidth, firstWordWidth, type PlainLine } from './plain-lines';

const MAX_SETEXT_COLUMNS = 100;

/**
 * Splits normalised plain text into blocks: paragraphs (hard-wrapped lines re-joined),
 * list items, headings; short lines (verse, addresses, signatures) stay separate. Returns
 * the text rebuilt under the block convention (see DocumentBuilder) with block offsets.
 */
export function buildPlainTextDocument(text: string): { text: string; blocks: Block[] } {
  const lines = text.split('\n').map(classifyLine);
  const wrapWidth = detectWrapWidth(lines);
  const drafts = assemble(lines, wrapWidth);
  markHeadings(drafts);
  assignListLevels(drafts);
  const builder = new DocumentBuilder();
  for (const d of drafts) builder.add(d.kind, d.text, d.kind === 'paragraph' ? undefined : d.level);
  return builder.build();
}

function assemble(lines: readonly PlainLine[], wrapWidth: number | undefined): Draft[] {
  const drafts: Draft[] = [];
  let chunkStart = 0;
  let current: Draft | undefined;
  const flush = (): void => {
    if (current) drafts.push(current);
    current = undefined;
  };
  const endChunk = (): void => {
    flush();
    const only = drafts[chunkStart];
    if (drafts.length - chunkStart === 1 && only && only.lines === 1) only.standalone = true;
    chunkStart = drafts.length;
  };

  for (const line of lines) {
    if (line.kind === 'blank' || line.kind === 'separator') {
      endChunk();
      continue;
    }
    if (line.kind === 'underline') {
      // Setext: "Title" directly over "=====" or "-----". Under a longer paragraph the
      // rule is only a divider.
      const title = current;
      if (title && drafts.length === chunkStart && title.lines === 1 && title.width - title.indent <= MAX_SETEXT_COLUMNS) {
        title.kind = 'heading';
        title.level = line.underlineLevel ?? 2;
      }
      endChunk();
      continue;
    }
    if (current && continues(current, line, wrapWidth)) {
      append(current, line);
    } else {
      flush();
      current = startDraft(line);
    }
  }
  endChunk();
  return drafts;
}

/** Whether `line` carries on the block `draft` (a hard wrap) rather than starting a new one. */
function continues(draft: Draft, line: PlainLine, wrapWidth: number | undefined): boolean {
  if (line.marker || draft.kind === 'heading') return false;
  // Unwrapped text: only a hanging-indented line under a list item carries it on.
  if (wrapWidth === undefined) return draft.kind === 'list-item' && line.indent >= draft.indent + 2;
  const prev = draft.last;
  const sep = wrapSeparator(prev.content, line.content);
  // Had the next word fitted on the previous line, the writer broke the line on purpose.
  if (prev.width + sep.length + firstWordWidth(line.content) <= wrapWidth) return false;
  // A deeper indent than the paragraph's body starts the next (first-line indented) paragraph.
  if (draft.contIndent !== undefined && line.indent > draft.contIndent + 1) return false;
  if (draft.kind === 'list-item' && line.indent < draft.indent) return false;
  return true;
}

function append(draft: Draft, line: PlainLine): void {
  draft.text += wrapSeparator(draft.last.content, line.content) + line.content;
  if (draft.lines === 1) draft.contIndent = line.indent;
  draft.lines++;
  draft.last = line;
}

const LAST_TOKEN = /\S+$/u;
const URL_START = /^[(<（]?https?:/u;

/** What goes between two hard-wrapped lines: a space, or nothing inside CJK text and split words. */
function wrapSeparator(prev: string, next: string): string {
  const token = LAST_TOKEN.exec(prev)?.[0] ?? '';
  // "well-\nknown" keeps its hyphen and loses the break.
  if (/\p{L}-$/u.test(token) && /^\p{Ll}/u.test(next)) return '';
  // Paths and URLs broken after a slash or inside: "GNU/\nLinux", "(https://\nwww.debian.org/)".
  if (token.length > 1 && token.endsWith('/')) return '';
  if (URL_START.test(token) && /[/.\-_?=&#:]$/u.test(token)) return '';
  return joinSeparator(lastChar(prev), firstChar(next));
}

/** List nesting from indentation (and from "2.1."-style numbers when all share one indent). */
function assignListLevels(drafts: Draft[]): void {
  const stack: number[] = [];
  for (const d of drafts) {
    if (d.kind === 'heading') {
      stack.length = 0;
      continue;
    }
    if (d.kind === 'paragraph') {
      if (stack.length > 0 && d.indent < (stack[0] ?? 0)) stack.length = 0;
      continue;
    }
    while (stack.length > 0 && (stack[stack.length - 1] ?? 0) > d.indent) stack.pop();
    if (stack.length === 0 || (stack[stack.length - 1] ?? 0) < d.indent) stack.push(d.indent);
    d.level = Math.max(stack.length, d.marker?.depth ?? 1);
  }
}
