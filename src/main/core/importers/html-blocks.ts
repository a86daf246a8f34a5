import type { BlockKind } from '../../../shared/model';

/** A block found in an HTML tree, in document order. */
export interface DomBlock {
  kind: Extract<BlockKind, 'heading' | 'paragraph' | 'list-item' | 'quote' | 'code' | 'table-row'>;
  text: string;
  level?: number;
}

/** The part of the DOM interface the walker needs; linkedom's nodes have it. */
export interface DomNode {
  nodeType: number;
  nodeValue?: string | null;
  localName?: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
  getAttribute?(name: string): string | null;
}

// Never text: scripts, styles and embedded documents, whatever a parser made of their
// content (a malformed </script> must not let script text through). SVG and MathML carry
// scripts and markup, not prose.
const HIDDEN = new Set([
  'script', 'style', 'template', 'noscript', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet',
  'svg', 'math', 'canvas', 'video', 'audio', 'head', 'title', 'meta', 'link', 'base', 'select', 'button', 'input', 'textarea',
]);
const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'nav', 'aside', 'figure', 'figcaption', 'address',
  'details', 'summary', 'dl', 'dt', 'dd', 'caption', 'form', 'fieldset', 'legend', 'center', 'hr', 'body', 'html',
  'table', 'thead', 'tbody', 'tfoot', 'ul', 'ol', 'menu', 'dir',
]);
const HEADING = /^h([1-6])$/;

interface Context {
  list: number;
  quote: number;
  /** the ordered list the node is in, counting its items */
  ordered?: OrderedList;
}

interface OrderedList {
  next: number;
  type: string;
  reversed: boolean;
}

/** Walks a DOM subtree and returns its visible text as blocks. */
export function domToBlocks(root: DomNode): DomBlock[] {
  const blocks: DomBlock[] = [];
  let inline = '';
  // The number of an ordered-list item ("3."), put before the item's own text: a reader
  // cites "item 3", and "the third item" is lost once the list is plain text.
  let marker = '';

  const flush = (kind: DomBlock['kind'], level?: number): void => {
    let text = inline.replace(/\s+/g, ' ').trim();
    inline = '';
    if (!text) return;
    if (marker && kind === 'list-item') text = `${marker} ${text}`;
    marker = '';
    blocks.push(level === undefined ? { kind, text } : { kind, text, level });
  };
  const prose = (ctx: Context): [DomBlock['kind'], number | undefined] =>
    ctx.list > 0 ? ['list-item', ctx.list] : ctx.quote > 0 ? ['quote', ctx.quote] : ['paragraph', undefined];

  const visit = (node: DomNode, ctx: Context): void => {
    if (node.nodeType === 3) {
      inline += node.nodeValue ?? '';
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
    const name = node.localName ?? '';
    if (HIDDEN.has(name) || isHidden(node)) return;
    // Site navigation is not the document (Readability drops it too, when it is used).
    if (name === 'nav' || node.getAttribute?.('role') === 'navigation') return;
    if (name === 'br') {
      inline += ' ';
      return;
    }
    const heading = HEADING.exec(name);
    if (heading) {
      flush(...prose(ctx));
      children(node, ctx);
      flush('heading', Number(heading[1]));
      return;
    }
    if (name === 'pre') {
      flush(...prose(ctx));
      const code = visibleText(node);
      if (code.trim()) blocks.push({ kind: 'code', text: code });
      return;
    }
    if (name === 'tr') {
      flush(...prose(ctx));
      const cells = Array.from(node.childNodes)
        .filter((c) => c.localName === 'td' || c.localName === 'th')
        .map((c) => visibleText(c).replace(/\s+/g, ' ').trim());
      if (cells.some((c) => c)) blocks.push({ kind: 'table-row', text: cells.join(' | ') });
      return;
    }
    if (name === 'li' || name === 'blockquote' || name === 'dd' || BLOCK.has(name)) {
      flush(...prose(ctx));
      if (name === 'li') marker = ctx.ordered ? itemMarker(ctx.ordered, node) : '';
      const inner: Context =
        name === 'li'
          ? { list: ctx.list + 1, quote: ctx.quote }
          : name === 'blockquote'
            ? { ...ctx, quote: ctx.quote + 1 }
            : name === 'ol'
              ? { ...ctx, ordered: orderedList(node) }
              : name === 'ul' || name === 'menu' || name === 'dir'
                ? { list: ctx.list, quote: ctx.quote }
                : ctx;
      // A list item's own text ends at its first nested list; the nested items follow it.
      children(node, inner);
      flush(...prose(inner));
      return;
    }
    children(node, ctx);
  };
  const children = (node: DomNode, ctx: Context): void => {
    for (const child of Array.from(node.childNodes)) visit(child, ctx);
  };

  visit(root, { list: 0, quote: 0 });
  flush('paragraph');
  return blocks;
}

function orderedList(node: DomNode): OrderedList {
  const reversed = node.getAttribute?.('reversed') != null;
  const start = Number.parseInt(node.getAttribute?.('start') ?? '', 10);
  const items = reversed ? Array.from(node.childNodes).filter((c) => c.localName === 'li').length : 1;
  return { next: Number.isFinite(start) ? start : items, type: node.getAttribute?.('type') ?? '1', reversed };
}

/** "3." for the next item of the list (a value attribute restarts the count), "c." or "iii." by the list's type. */
function itemMarker(list: OrderedList, li: DomNode): string {
  const value = Number.parseInt(li.getAttribute?.('value') ?? '', 10);
  const n = Number.isFinite(value) ? value : list.next;
  list.next = n + (list.reversed ? -1 : 1);
  return `${formatNumber(n, list.type)}.`;
}

export function formatNumber(n: number, type: string): string {
  if (n < 1) return String(n);
  if (type === 'a' || type === 'A') {
    let s = '';
    for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(97 + ((k - 1) % 26)) + s;
    return type === 'A' ? s.toUpperCase() : s;
  }
  if ((type === 'i' || type === 'I') && n < 4000) {
    const numerals: [number, string][] = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']];
    let s = '';
    let k = n;
    for (const [v, r] of numerals) for (; k >= v; k -= v) s += r;
    return type === 'I' ? s.toUpperCase() : s;
  }
  return String(n);
}

/** Text a reader would see inside an element: hidden elements left out, line breaks kept. */
export function visibleText(node: DomNode): string {
  if (node.nodeType === 3) return node.nodeValue ?? '';
  if (node.nodeType !== 1) return '';
  if (HIDDEN.has(node.localName ?? '') || isHidden(node)) return '';
  if (node.localName === 'br') return '\n';
  let text = '';
  for (const child of Array.from(node.childNodes)) text += visibleText(child);
  return text;
}

function isHidden(node: DomNode): boolean {
  if (!node.getAttribute) return false;
  if (node.getAttribute('hidden') !== null || node.getAttribute('aria-hidden') === 'true') return true;
  const style = node.getAttribute('style');
  return style !== null && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}
