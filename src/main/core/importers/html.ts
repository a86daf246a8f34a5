import { DOC_EXTENSIONS } from '../../../shared/model';
import { Readability } from '@mozilla/readability';
import { DocumentBuilder } from '../../../shared/text/document-builder';
import { metadataDate, metadataLanguage, metadataText } from '../../../shared/text/file-metadata';
import { normaliseText } from '../../../shared/text/normalise';
import { deriveTitle } from '../../../shared/text/title';
import { domToBlocks, type DomBlock, type DomNode } from './html-blocks';
import { cleanHeadings, isProse, removeChrome } from './html-clean';
import { decodeHtml, parseDocument, type HtmlDocument } from './html-parse';
import { ImportError, type Importer, type ParsedDocument } from './types';

// Readability's pick is the page's main text only when it holds a fair share of the page:
// on a long single-page document it sometimes keeps one section and drops the rest.
const MIN_ARTICLE_SHARE = 0.5;

export const htmlImporter: Importer = {
  type: 'html',
  extensions: DOC_EXTENSIONS.html,
  async parse(bytes: Uint8Array, fileName: string): Promise<ParsedDocument> {
    const { text: raw, encoding } = decodeHtml(bytes, fileName);
    const html = normaliseText(raw);
    let document: HtmlDocument;
    try {
      document = parseDocument(html);
    } catch (error) {
      throw new ImportError(`unreadable HTML: ${(error as Error).message}`);
    }
    cleanHeadings(document);
    const metaTitle = documentTitle(document);
    const chrome = removeChrome(document);
    const body = (document.body ?? document.documentElement) as unknown as DomNode | null;
    const bodyBlocks = body ? domToBlocks(body) : [];
    // A page without site chrome (a DocBook chapter, a Sphinx page, a saved report) is all
    // document: a boilerplate remover can only lose text there.
    const article = chrome ? mainArticle(document, bodyBlocks) : undefined;
    const { text, blocks } = build(article?.blocks ?? bodyBlocks);
    if (blocks.length === 0) throw new ImportError('no text in this HTML file');
    const h1 = tidy(document.querySelector('h1')?.textContent ?? '');
    const title = metaTitle ?? article?.title ?? (h1 || deriveTitle({ text, blocks }));
    return { text, blocks, title, encoding, ...pageMetadata(document) };
  },
};

/** What the page says of itself: <html lang>, author and date meta tags (Dublin Core, Open Graph). */
function pageMetadata(document: HtmlDocument): { author?: string; date?: string; language?: string } {
  const meta = (...selectors: string[]): string | undefined => {
    for (const selector of selectors) {
      const value = document.querySelector(selector)?.getAttribute('content');
      if (value?.trim()) return value;
    }
    return undefined;
  };
  const root = document.documentElement;
  const author = metadataText(meta('meta[name="author"]', 'meta[name="DC.creator"]', 'meta[name="dcterms.creator"]', 'meta[property="article:author"]'));
  const date = metadataDate(meta('meta[name="date"]', 'meta[name="DC.date"]', 'meta[name="dcterms.date"]', 'meta[name="dcterms.created"]', 'meta[property="article:published_time"]'));
  const language = metadataLanguage(root?.getAttribute('lang') ?? root?.getAttribute('xml:lang') ?? undefined);
  return { ...(author ? { author } : {}), ...(date ? { date } : {}), ...(language ? { language } : {}) };
}

function build(domBlocks: DomBlock[]): { text: string; blocks: ReturnType<DocumentBuilder['build']>['blocks'] } {
  const builder = new DocumentBuilder();
  for (const b of domBlocks) builder.add(b.kind, b.kind === 'heading' ? b.text.replace(/\s*[¶§🔗]+$/u, '') : b.text, b.level);
  return builder.build();
}

function mainArticle(document: HtmlDocument, bodyBlocks: DomBlock[]): { blocks: DomBlock[]; title?: string } | undefined {
  const bodyLength = textLength(bodyBlocks);
  try {
    // Readability rewrites the tree it is given: it works on a copy.
    const copy = document.cloneNode(true) as HtmlDocument;
    const reader = new Readability(copy as never, { serializer: (el: unknown) => el, charThreshold: 200 });
    const result = reader.parse() as { content?: unknown; title?: string | null } | null;
    if (!result?.content) return undefined;
    const blocks = domToBlocks(result.content as DomNode);
    if (textLength(blocks) < MIN_ARTICLE_SHARE * bodyLength || losesBody(blocks, bodyBlocks)) return undefined;
    const title = tidy(result.title ?? '');
    return title ? { blocks, title } : { blocks };
  } catch {
    // Readability is a heuristic; when it trips, the body is the article.
    return undefined;
  }
}

/**
 * Whether Readability's pick dropped part of the document: a heading over a section with
 * body text, or a paragraph of prose. Readability scores by class names and link density;
 * a normative "Remarks" section or an id that looks like boilerplate is not chrome.
 */
export function losesBody(article: DomBlock[], body: DomBlock[]): boolean {
  const kept = ` ${article.map((b) => b.text).join(' ')} `;
  const has = (text: string): boolean => kept.includes(text.length > 80 ? text.slice(0, 80) : text);
  for (let i = 0; i < body.length; i++) {
    const b = body[i]!;
    if (b.kind === 'heading' ? sectionHasProse(body, i) && !has(b.text) : isProse(b) && !has(b.text)) return true;
  }
  return false;
}

function sectionHasProse(blocks: DomBlock[], heading: number): boolean {
  const level = blocks[heading]!.level ?? 1;
  for (let i = heading + 1; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.kind === 'heading' && (b.level ?? 1) <= level) return false;
    if (isProse(b)) return true;
  }
  return false;
}

function textLength(blocks: DomBlock[]): number {
  return blocks.reduce((n, b) => n + b.text.length, 0);
}

/** <title>, else og:title / twitter:title; Readability's title and the first <h1> come after. */
function documentTitle(document: HtmlDocument): string | undefined {
  const candidates = [
    document.querySelector('title')?.textContent,
    document.querySelector('meta[property="og:title"]')?.getAttribute('content'),
    document.querySelector('meta[name="twitter:title"]')?.getAttribute('content'),
  ];
  for (const candidate of candidates) {
    const title = tidy(candidate ?? '');
    if (title) return title.length > 200 ? `${title.slice(0, 199)}…` : title;
  }
  return undefined;
}

function tidy(s: string): string {
  return normaliseText(s)
    .replace(/\s+/gu, ' ')
    .replace(/(?:\s*(?:[¶§🔗]|\[\d{1,3}\]|[*†‡]+))+$/u, '')
    .trim();
}
