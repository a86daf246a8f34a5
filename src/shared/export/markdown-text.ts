import type { RichDoc, RichNode } from '../model';
import { escapeInline, escapeLineStart } from '../markdown/escape';
import { richTextToMarkdown } from '../markdown/rich-text';

/**
 * Document text quoted in Markdown: every line escaped so that it reads as text (no
 * heading, list, table, HTML or indented code can come out of it), line breaks kept as
 * hard breaks and paragraph breaks as empty quote lines.
 */
export function quoteBlock(text: string): string {
  const paragraphs = text.split(/\n\s*\n/).map((p) => p.split('\n').map(quoteLine).filter((l) => l !== ''));
  return paragraphs
    .filter((lines) => lines.length > 0)
    .map((lines) => lines.map((l, i) => `> ${l}${i < lines.length - 1 ? '\\' : ''}`).join('\n'))
    .join('\n>\n');
}

function quoteLine(line: string): string {
  // Leading spaces would make indented code; trailing ones are a hidden hard break (MD009).
  const trimmed = line.replace(/\t/g, ' ').trim();
  return escapeLineStart(escapeInline(trimmed));
}

/** Inline user text on one line (titles in the index, labels): no line breaks, escaped. */
export function inlineText(text: string): string {
  return escapeInline(text.replace(/\s+/g, ' ').trim());
}

/**
 * Notes and comments rendered to Markdown under a heading of level `base`: their own
 * headings go below it and never skip a level (markdownlint MD001, MD025), and code
 * blocks without a language say "text" (MD040).
 */
export function richTextUnder(doc: RichDoc | null | undefined, base: number): string {
  if (!doc) return '';
  let previous = base;
  const fix = (node: RichNode): RichNode => {
    let out = node;
    if (node.type === 'heading') {
      const level = typeof node.attrs?.level === 'number' ? node.attrs.level : 1;
      const wanted = Math.min(6, Math.max(base + 1, Math.min(previous + 1, base + level)));
      previous = wanted;
      out = { ...node, attrs: { ...node.attrs, level: wanted } };
    } else if (node.type === 'codeBlock' && !node.attrs?.language) {
      out = { ...node, attrs: { ...node.attrs, language: 'text' } };
    }
    return out.content ? { ...out, content: out.content.map(fix) } : out;
  };
  return richTextToMarkdown(fix(doc));
}
