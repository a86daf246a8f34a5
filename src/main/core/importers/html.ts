import { DOC_EXTENSIONS } from '../../../shared/model';
import { Readability } from '@mozilla/readability';
import { DocumentBuilder } from '../../../shared/text/document-builder';
import { normaliseText } from '../../../shared/text/normalise';
import { deriveTitle } from '../../../shared/text/title';
import { domToBlocks, type DomBlock, type DomNode } from './html-blocks';
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
    const metaTitle = documentTitle(document);
    const body = (document.body ?? document.documentElement) as unknown as DomNode | null;
    const bodyBlocks = body ? domToBlocks(body) : [];
    const article = mainArticle(document, textLength(bodyBlocks));
    const { text, blocks } = build(article?.blocks ?? bodyBlocks);
    if (blocks.length === 0) throw new ImportError('no text in this HTML file');
    const h1 = tidy(document.querySelector('h1')?.textContent ?? '');
    const title = metaTitle ?? article?.title ?? (h1 || deriveTitle({ text, blocks }));
    return { text, blocks, title, encoding };
  },
};

function build(domBlocks: DomBlock[]): { text: string; blocks: ReturnType<DocumentBuilder['build']>['blocks'] } {
  const builder = new DocumentBuilder();
  for (const b of domBlocks) builder.add(b.kind, b.text, b.level);
  return builder.build();
}

function mainArticle(document: HtmlDocument, bodyLength: number): { blocks: DomBlock[]; title?: string } | undefined {
  try {
    // Readability rewrites the tree it is given: it works on a copy.
    const copy = document.cloneNode(true) as HtmlDocument;
    const reader = new Readability(copy as never, { serializer: (el: unknown) => el, charThreshold: 200 });
    const result = reader.parse() as { content?: unknown; title?: string | null } | null;
    if (!result?.content) return undefined;
    const blocks = domToBlocks(result.content as DomNode);
    if (textLength(blocks) < MIN_ARTICLE_SHARE * bodyLength) return undefined;
    const title = tidy(result.title ?? '');
    return title ? { blocks, title } : { blocks };
  } catch {
    // Readability is a heuristic; when it trips, the body is the article.
    return undefined;
  }
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
  return normaliseText(s).replace(/\s+/gu, ' ').trim();
}
