import type { Nodes, Parents, PhrasingContent, RootContent } from 'mdast';
import type { Block, BlockKind } from '../../../shared/model';
import { DocumentBuilder } from '../../../shared/text/document-builder';
import { htmlToBlocks, InlineHtml, type HtmlBlock } from './md-html';
import { parseMarkdown } from './md-parse';

interface Context {
  builder: DocumentBuilder;
  /** list nesting depth, 0 outside lists */
  list: number;
  /** blockquote nesting depth, 0 outside quotes */
  quote: number;
}

/**
 * Text and blocks of a Markdown tree under the block convention. Headings keep their
 * depth, list items their nesting (ordered items keep their number: "2. text"; task items
 * start "[x] " or "[ ] "), table rows join their cells with " | ", code keeps its lines,
 * thematic breaks and link definitions disappear. Raw HTML contributes its visible text.
 */
export function markdownToDocument(children: readonly RootContent[]): { text: string; blocks: Block[] } {
  const ctx: Context = { builder: new DocumentBuilder(), list: 0, quote: 0 };
  for (const node of children) flow(node, ctx);
  return ctx.builder.build();
}

function flow(node: RootContent, ctx: Context, prefix = ''): void {
  switch (node.type) {
    case 'heading':
      if (ctx.quote > 0) addProse(ctx, prefix + inline(node));
      else ctx.builder.add('heading', prefix + inline(node), node.depth);
      return;
    case 'paragraph':
      addProse(ctx, prefix + inline(node));
      return;
    case 'blockquote':
      children(node.children, { ...ctx, quote: ctx.quote + 1 }, prefix);
      return;
    case 'list': {
      const start = node.start ?? 1;
      node.children.forEach((item, i) => {
        const marker = node.ordered ? `${start + i}. ` : '';
        const task = item.checked === true ? '[x] ' : item.checked === false ? '[ ] ' : '';
        listItem(item.children, { ...ctx, list: ctx.list + 1 }, marker + task);
      });
      return;
    }
    case 'code':
      ctx.builder.add('code', node.value);
      return;
    case 'table':
      for (const row of node.children) {
        ctx.builder.add('table-row', row.children.map((cell) => inline(cell).trim()).join(' | '));
      }
      return;
    case 'html':
      for (const b of htmlToBlocks(node.value)) addHtml(b, ctx);
      return;
    case 'footnoteDefinition':
      children(node.children, ctx, `[${node.label ?? node.identifier}] `);
      return;
    default:
      // thematicBreak, definition, yaml front matter: nothing to read.
      return;
  }
}

function children(nodes: readonly RootContent[], ctx: Context, prefix: string): void {
  nodes.forEach((child, i) => flow(child, ctx, i === 0 ? prefix : ''));
}

// The item's first paragraph is the list item; further paragraphs are body text under it.
function listItem(nodes: readonly RootContent[], ctx: Context, marker: string): void {
  nodes.forEach((child, i) => {
    if (i === 0 && child.type === 'paragraph' && ctx.quote === 0) {
      ctx.builder.add('list-item', marker + inline(child), ctx.list);
    } else {
      flow(child, ctx, i === 0 ? marker : '');
    }
  });
}

function addProse(ctx: Context, text: string): void {
  if (ctx.quote > 0) ctx.builder.add('quote', text, ctx.quote);
  else ctx.builder.add('paragraph', text);
}

// Blocks from raw HTML take the surrounding Markdown context (a <p> inside a quote is a
// quote). Their text may itself be Markdown (kramdown's markdown="1"), so it is read as such.
function addHtml(b: HtmlBlock, ctx: Context): void {
  const text = b.kind === 'code' ? b.text : inlineMarkdown(b.text);
  let kind: BlockKind = b.kind;
  let level = b.level;
  if (ctx.quote > 0 && kind !== 'code' && kind !== 'table-row') {
    kind = 'quote';
    level = ctx.quote + (b.kind === 'quote' ? (b.level ?? 1) : 0);
  } else if (kind === 'list-item') {
    level = ctx.list + (b.level ?? 1);
  }
  ctx.builder.add(kind, text, kind === 'paragraph' || kind === 'table-row' || kind === 'code' ? undefined : level);
}

const MARKDOWN_SYNTAX = /[[\]*_`<&\\]/;

function inlineMarkdown(text: string): string {
  if (!MARKDOWN_SYNTAX.test(text)) return text;
  const parts: string[] = [];
  // No HTML handling here: this text came out of the HTML parser already.
  for (const node of parseMarkdown(text, { gfmOnly: true }).children) {
    if ('children' in node) parts.push(plain(node));
    else if ('value' in node && node.type !== 'html') parts.push(node.value);
  }
  return parts.join(' ');
}

/** Visible text of a node without HTML interpretation (used on text that was HTML). */
function plain(node: Nodes): string {
  if (node.type === 'image' || node.type === 'imageReference') return node.alt ?? '';
  if (node.type === 'break') return ' ';
  if ('children' in node) return (node.children as Nodes[]).map(plain).join('');
  if (node.type === 'html') return '';
  return 'value' in node ? node.value : '';
}

/** Visible text of a paragraph-like node: markers dropped, link text, code text, alt text. */
function inline(node: Parents): string {
  const html = { state: undefined as InlineHtml | undefined };
  const out: string[] = [];
  phrasing(node.children as PhrasingContent[], out, html);
  if (html.state) out.push(html.state.end());
  return out.join('');
}

function phrasing(nodes: readonly PhrasingContent[], out: string[], html: { state: InlineHtml | undefined }): void {
  for (const node of nodes) {
    if (node.type === 'html') {
      html.state ??= new InlineHtml();
      out.push(html.state.feed(node.value));
      continue;
    }
    // Text between an opening <script> and its closing tag is script, not prose.
    if (html.state?.hidden) continue;
    switch (node.type) {
      case 'text':
      case 'inlineCode':
        out.push(node.value);
        break;
      case 'break':
        out.push(' ');
        break;
      case 'image':
      case 'imageReference':
        out.push(node.alt ?? '');
        break;
      case 'footnoteReference':
        out.push(`[${node.label ?? node.identifier}]`);
        break;
      default:
        if ('children' in node) phrasing(node.children as PhrasingContent[], out, html);
    }
  }
}
