import { domToBlocks, type DomBlock, type DomNode } from './html-blocks';
import type { HtmlDocument } from './html-parse';

// Site chrome by its semantic elements and roles, and by the names the common generators
// give it (DocBook/publican, Sphinx). header and footer inside an article are the article's.
const CHROME = [
  'nav', 'aside', 'body > header', 'body > footer', '[role="navigation"]', '[role="banner"]', '[role="contentinfo"]',
  '[role="search"]', '[role="complementary"]', '#banner', '.navheader', '.navfooter', '.docnav', '.sphinxsidebar',
  '.related', '.breadcrumbs', '.breadcrumb', '#sidebar', '#footer', '#header', '.navbar',
].join(', ');

// Navigation is chrome whatever it holds; the rest only when it holds no prose.
const NAVIGATION = 'nav, [role="navigation"], .navheader, .navfooter, .docnav, .related, .breadcrumbs, .breadcrumb, .navbar';

interface Removable {
  remove(): void;
  closest?(selector: string): unknown;
  matches?(selector: string): boolean;
}

/**
 * Removes the page's chrome; whether it had any. An aside or header inside the article
 * (a note box, the article's own header) stays, and so does any candidate other than
 * navigation that holds a paragraph of prose: a sidebar in DocBook is the document's.
 */
export function removeChrome(document: HtmlDocument): boolean {
  const found = Array.from(document.querySelectorAll(CHROME) as unknown as ArrayLike<Removable>);
  const chrome = found.filter(
    (el) =>
      (!el.closest?.('article, main, [role="main"]') || el.closest?.('nav')) &&
      (el.matches?.(NAVIGATION) || !domToBlocks(el as unknown as DomNode).some(isProse)),
  );
  for (const el of chrome) el.remove();
  return chrome.length > 0;
}

// Permalink anchors (Sphinx "¶", Markdown generators "#", "§", "🔗") and footnote marks
// inside a heading are not its text: they would stand in the title and the outline.
const PERMALINK_TEXT = /^\s*[¶§#🔗]?\s*$/u;
const HEADING_JUNK = 'a.headerlink, a.anchor, a.anchorjs-link, a.permalink, a.heading-anchor, a[aria-hidden="true"], sup, a.footnote-reference, a[role="doc-noteref"], a[href^="#fn"], a[href^="#footnote"], a[href^="#ftn"]';

export function cleanHeadings(document: HtmlDocument): void {
  for (const heading of Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6') as unknown as ArrayLike<HeadingElement>)) {
    for (const junk of Array.from(heading.querySelectorAll(HEADING_JUNK))) junk.remove();
    for (const a of Array.from(heading.querySelectorAll('a'))) if (a.getAttribute('href')?.startsWith('#') && PERMALINK_TEXT.test(a.textContent ?? '')) a.remove();
  }
}

interface HeadingElement {
  querySelectorAll(selector: string): ArrayLike<{ remove(): void; getAttribute(name: string): string | null; textContent: string | null }>;
}


// Shorter blocks are menu entries, link lists and bylines as often as they are text.
const PROSE_CHARS = 80;

/** A block of prose: 80 letters or more, a Chinese character counting as three (it says about as much as an English word). */
export const isProse = (b: DomBlock): boolean =>
  b.kind !== 'heading' && b.kind !== 'table-row' && b.text.length + 2 * (b.text.match(/\p{Script=Han}/gu)?.length ?? 0) >= PROSE_CHARS;
