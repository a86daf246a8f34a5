import type { RichNode } from '../model';
import { codeSpan, escapeInline, escapeLineStart } from './escape';

/**
 * Tiptap JSON (comments, document notes) -> CommonMark. Deterministic; unknown nodes keep
 * their text; user text is escaped so it cannot break the structure around it.
 */
export function richTextToMarkdown(doc: RichNode | null | undefined): string {
  if (!doc) return '';
  return blocks(doc.content ?? [], '').trim();
}

function blocks(nodes: readonly RichNode[], indent: string): string {
  return nodes
    .map((node) => block(node, indent))
    .filter((s) => s !== '')
    .join('\n\n');
}

function block(node: RichNode, indent: string): string {
  switch (node.type) {
    case 'paragraph':
      // Every line of it (hard breaks start new ones) must read as text: no leading
      // whitespace to make code of it, no "#", "1." or "-" to start a block.
      return prefixLines(
        inline(node.content ?? [])
          .split('\n')
          .map((line) => escapeLineStart(line.replace(/^[ \t]+/, '')))
          .join('\n'),
        indent,
      );
    case 'heading': {
      const level = clampLevel(node.attrs?.level);
      return `${indent}${'#'.repeat(level)} ${inline(node.content ?? [])}`;
    }
    case 'bulletList':
    case 'orderedList':
    case 'taskList':
      return list(node, indent);
    case 'blockquote':
      return blocks(node.content ?? [], '')
        .split('\n')
        .map((line) => `${indent}>${line ? ` ${line}` : ''}`)
        .join('\n');
    case 'codeBlock': {
      const code = textOf(node);
      const fence = '`'.repeat(Math.max(3, ...[...code.matchAll(/`{3,}/g)].map((m) => m[0].length + 1)));
      const language = typeof node.attrs?.language === 'string' ? node.attrs.language.replace(/[^\w+-]/g, '') : '';
      return prefixLines(`${fence}${language}\n${code}\n${fence}`, indent);
    }
    case 'horizontalRule':
      return `${indent}---`;
    default:
      return node.content ? blocks(node.content, indent) : prefixLines(escapeInline(node.text ?? ''), indent);
  }
}

function list(node: RichNode, indent: string): string {
  const ordered = node.type === 'orderedList';
  const start = typeof node.attrs?.start === 'number' ? node.attrs.start : 1;
  return (node.content ?? [])
    .map((item, i) => {
      const checked = item.type === 'taskItem' ? (item.attrs?.checked ? '[x] ' : '[ ] ') : '';
      const marker = ordered ? `${start + i}. ` : '- ';
      const body = blocks(item.content ?? [], ' '.repeat(marker.length));
      const [first = '', ...rest] = body.split('\n');
      return [`${indent}${marker}${checked}${first.trimStart()}`, ...rest.map((l) => (l ? indent + l : l))].join('\n');
    })
    .join('\n');
}

function inline(nodes: readonly RichNode[]): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'hardBreak') {
      out += '\\\n';
      continue;
    }
    if (node.type !== 'text') {
      out += inline(node.content ?? []);
      continue;
    }
    const marks = node.marks ?? [];
    const has = (type: string) => marks.some((m) => m.type === type);
    const raw = node.text ?? '';
    if (has('code')) {
      out += codeSpan(raw);
      continue;
    }
    // Emphasis markers must hug the text: keep outer spaces outside them.
    const lead = /^\s*/.exec(raw)?.[0] ?? '';
    const trail = /\s*$/.exec(raw.slice(lead.length))?.[0] ?? '';
    let text = escapeInline(raw.slice(lead.length, raw.length - trail.length));
    if (text) {
      if (has('strike')) text = `~~${text}~~`;
      if (has('italic')) text = `*${text}*`;
      if (has('bold')) text = `**${text}**`;
      const link = marks.find((m) => m.type === 'link');
      const href = typeof link?.attrs?.href === 'string' ? safeHref(link.attrs.href) : null;
      if (href) text = `[${text}](<${href}>)`;
    }
    out += lead + text + trail;
  }
  return out;
}

/** Only web and mail links survive; javascript: and the like become plain text. */
function safeHref(href: string): string | null {
  const trimmed = href.trim();
  if (!/^(https?:|mailto:)/i.test(trimmed)) return null;
  return trimmed.replace(/[<>\s]/g, encodeURIComponent);
}

function textOf(node: RichNode): string {
  if (node.text !== undefined) return node.text;
  return (node.content ?? []).map(textOf).join('');
}

function clampLevel(level: unknown): number {
  return typeof level === 'number' && level >= 1 && level <= 6 ? Math.floor(level) : 1;
}

function prefixLines(text: string, indent: string): string {
  return indent ? text.split('\n').map((l) => (l ? indent + l : l)).join('\n') : text;
}
