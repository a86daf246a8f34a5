import type { Nodes, Parent } from 'mdast';
import type { RichNode, RichDoc } from '../../../shared/model';
import { parseMarkdown } from '../importers/md-parse';

type Mark = NonNullable<RichNode['marks']>[number];

/**
 * Markdown (a W3C comment body in text/markdown, as our export writes it) back to
 * Tiptap JSON, so that a comment survives export and import with its formatting, not as
 * escaped source. Raw HTML stays literal text: it is never rendered.
 */
export function markdownToRich(markdown: string, onDroppedLink: (url: string) => void = () => {}): RichDoc {
  const root = parseMarkdown(markdown, { gfmOnly: true });
  dropLink = onDroppedLink;
  try {
    return { type: 'doc', content: blocks(root) };
  } finally {
    dropLink = () => {};
  }
}

/** Schemes a link in an imported comment may keep: javascript:, data:, file: and relative links are dropped (their text stays). */
const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

export function isSafeLink(url: string): boolean {
  try {
    return SAFE_SCHEMES.has(new URL(url.trim()).protocol);
  } catch {
    return false;
  }
}

// Set for one synchronous conversion: the tree walk below stays a set of plain functions.
let dropLink: (url: string) => void = () => {};

function blocks(parent: Parent): RichNode[] {
  return parent.children.flatMap((node) => block(node as Nodes));
}

function block(node: Nodes): RichNode[] {
  switch (node.type) {
    case 'paragraph':
      return [{ type: 'paragraph', content: inline(node, []) }];
    case 'heading':
      return [{ type: 'heading', attrs: { level: node.depth }, content: inline(node, []) }];
    case 'blockquote':
      return [{ type: 'blockquote', content: blocks(node) }];
    case 'list':
      return [
        {
          type: node.ordered ? 'orderedList' : 'bulletList',
          ...(node.ordered && node.start != null && node.start !== 1 ? { attrs: { start: node.start } } : {}),
          content: node.children.map((item) => ({ type: 'listItem', content: blocks(item) })),
        },
      ];
    case 'code':
      return [{ type: 'codeBlock', attrs: { language: node.lang && node.lang !== 'text' ? node.lang : null }, content: node.value ? [{ type: 'text', text: node.value }] : [] }];
    case 'thematicBreak':
      return [{ type: 'horizontalRule' }];
    case 'html':
      return [{ type: 'paragraph', content: [{ type: 'text', text: node.value }] }];
    default:
      return 'children' in node ? [{ type: 'paragraph', content: inline(node, []) }] : [];
  }
}

function inline(node: Nodes, marks: Mark[]): RichNode[] {
  const text = (value: string): RichNode[] => (value ? [{ type: 'text', text: value, ...(marks.length ? { marks } : {}) }] : []);
  switch (node.type) {
    case 'text':
    case 'html':
      return text(node.value);
    case 'inlineCode':
      return node.value ? [{ type: 'text', text: node.value, marks: [...marks, { type: 'code' }] }] : [];
    case 'break':
      return [{ type: 'hardBreak' }];
    case 'emphasis':
      return children(node, [...marks, { type: 'italic' }]);
    case 'strong':
      return children(node, [...marks, { type: 'bold' }]);
    case 'delete':
      return children(node, [...marks, { type: 'strike' }]);
    case 'link':
      if (!isSafeLink(node.url)) {
        dropLink(node.url);
        return children(node, marks);
      }
      return children(node, [...marks, { type: 'link', attrs: { href: node.url } }]);
    default:
      return 'children' in node ? children(node, marks) : 'value' in node ? text(String(node.value)) : [];
  }
}

function children(node: Parent, marks: Mark[]): RichNode[] {
  return node.children.flatMap((child) => inline(child as Nodes, marks));
}
