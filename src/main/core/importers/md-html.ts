import { Parser } from 'htmlparser2';
import type { BlockKind } from '../../../shared/model';

/** A block found in raw HTML; the Markdown walker maps it into its own context. */
export interface HtmlBlock {
  kind: Extract<BlockKind, 'heading' | 'paragraph' | 'list-item' | 'quote' | 'code' | 'table-row'>;
  text: string;
  level?: number;
}

// Content a browser never shows as text. Script text must never reach the document.
const HIDDEN = new Set(['script', 'style', 'template', 'noscript', 'head', 'title']);
const BLOCK_TAGS = new Set([
  'p', 'div', 'aside', 'section', 'article', 'header', 'footer', 'main', 'nav', 'figure', 'figcaption',
  'address', 'details', 'summary', 'dl', 'dt', 'dd', 'ul', 'ol', 'table', 'thead', 'tbody', 'tfoot',
  'caption', 'form', 'fieldset', 'center', 'hr', 'body', 'html',
]);
const HEADING = /^h([1-6])$/;

/**
 * The visible text of an HTML fragment, split into blocks at block-level elements.
 * Images are dropped (in HTML they are mostly avatars and decoration).
 */
export function htmlToBlocks(html: string): HtmlBlock[] {
  const blocks: HtmlBlock[] = [];
  let text = '';
  let hidden = 0;
  let pre = 0;
  let quote = 0;
  let heading = 0;
  let item = 0;
  let cells: string[] | undefined;

  const flush = (forced?: HtmlBlock['kind']): void => {
    const value = pre > 0 ? text : text.replace(/[ \t\n\r\f]+/g, ' ').trim();
    text = '';
    if (!value.trim()) return;
    const kind: HtmlBlock['kind'] =
      forced ?? (pre > 0 ? 'code' : heading > 0 ? 'heading' : item > 0 ? 'list-item' : quote > 0 ? 'quote' : 'paragraph');
    const block: HtmlBlock = { kind, text: value };
    if (kind === 'heading') block.level = heading;
    else if (kind === 'quote') block.level = quote;
    else if (kind === 'list-item') block.level = item;
    blocks.push(block);
  };

  const parser = new Parser(
    {
      onopentag(name) {
        if (HIDDEN.has(name)) hidden++;
        if (hidden > 0) return;
        const h = HEADING.exec(name);
        if (h) {
          flush();
          heading = Number(h[1]);
        } else if (name === 'tr') {
          flush();
          cells = [];
        } else if ((name === 'td' || name === 'th') && cells) {
          text = '';
        } else if (name === 'br') {
          text += pre > 0 ? '\n' : ' ';
        } else if (name === 'pre' || name === 'li' || name === 'blockquote' || BLOCK_TAGS.has(name)) {
          flush();
          if (name === 'pre') pre++;
          if (name === 'li') item++;
          if (name === 'blockquote') quote++;
        }
      },
      ontext(data) {
        if (hidden === 0) text += data;
      },
      onclosetag(name) {
        if (HIDDEN.has(name)) {
          hidden = Math.max(0, hidden - 1);
          return;
        }
        if (hidden > 0) return;
        if (HEADING.test(name)) {
          flush();
          heading = 0;
        } else if ((name === 'td' || name === 'th') && cells) {
          cells.push(text.replace(/[ \t\n\r\f]+/g, ' ').trim());
          text = '';
        } else if (name === 'tr' && cells) {
          text = cells.join(' | ');
          cells = undefined;
          flush('table-row');
        } else if (name === 'pre' || name === 'li' || name === 'blockquote' || BLOCK_TAGS.has(name)) {
          flush();
          if (name === 'pre') pre = Math.max(0, pre - 1);
          if (name === 'li') item = Math.max(0, item - 1);
          if (name === 'blockquote') quote = Math.max(0, quote - 1);
        }
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  flush();
  return blocks;
}

/**
 * Visible text of the raw-HTML pieces inside one Markdown paragraph. The pieces arrive one
 * tag at a time ("<script>", then Markdown text, then "</script>"), so the parser is fed
 * incrementally and `hidden` tells the walker to drop the Markdown text in between.
 */
export class InlineHtml {
  private hiddenDepth = 0;
  private out = '';
  private readonly parser = new Parser(
    {
      onopentag: (name) => {
        if (HIDDEN.has(name)) this.hiddenDepth++;
        else if (name === 'br' && this.hiddenDepth === 0) this.out += ' ';
      },
      onclosetag: (name) => {
        if (HIDDEN.has(name)) this.hiddenDepth = Math.max(0, this.hiddenDepth - 1);
      },
      ontext: (data) => {
        if (this.hiddenDepth === 0) this.out += data;
      },
    },
    { decodeEntities: true },
  );

  get hidden(): boolean {
    return this.hiddenDepth > 0;
  }

  /** Feeds one raw-HTML node; returns the visible text it produced so far. */
  feed(html: string): string {
    this.parser.write(html);
    return this.take();
  }

  /** Closes the paragraph; returns any text the parser still held. */
  end(): string {
    this.parser.end();
    return this.take();
  }

  private take(): string {
    const text = this.out;
    this.out = '';
    return text;
  }
}
