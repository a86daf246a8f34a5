import { parseHTML } from 'linkedom';
import { decodeText, type DecodedText } from './decode';

/**
 * A parsed HTML document. linkedom builds a DOM and nothing else: it runs no script,
 * loads no resource, follows no meta refresh and ignores <base>. Keep it that way.
 */
export type HtmlDocument = ReturnType<typeof parseHTML>['document'];

export function parseDocument(html: string): HtmlDocument {
  const source = isXhtml(html) ? openSelfClosing(html) : html;
  // linkedom expects a whole document; a fragment or a body-less page gets a skeleton.
  const whole = /<html[\s>]/i.test(source) && /<body[\s>]/i.test(source) ? source : `<!DOCTYPE html><html><head></head><body>${source}</body></html>`;
  return parseHTML(whole).document;
}

/** A page that declares itself XML (an XML declaration, or the XHTML namespace on <html>). */
export function isXhtml(html: string): boolean {
  const head = html.slice(0, 4096);
  return /^\s*<\?xml[\s?]/i.test(head) || /<html\b[^>]*\bxmlns\s*=\s*["']http:\/\/www\.w3\.org\/1999\/xhtml["']/i.test(head);
}

// Elements with no content in HTML: "<br/>" means the same to both parsers.
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const SELF_CLOSING = /<([A-Za-z][\w:.-]*)((?:\s+[^\s=/>"']+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*\/>/g;

/**
 * In XML "<a id="x"/>" is an empty element; an HTML parser reads it as an open <a> that
 * swallows the heading after it (DocBook and Sphinx write such anchors before every
 * heading). The XML meaning is written out ("<a id="x"></a>") before the HTML parser runs,
 * which keeps the HTML parser's tolerance of the undeclared entities real XHTML is full of.
 */
export function openSelfClosing(xhtml: string): string {
  return xhtml.replace(SELF_CLOSING, (whole, name: string, attributes: string) =>
    VOID.has(name.toLowerCase()) ? whole : `<${name}${attributes}></${name}>`,
  );
}

/**
 * The page's text: a byte-order mark first, then a declared charset (<meta charset> or
 * http-equiv Content-Type in the first 4 KB), then the content sniffing of decodeText.
 */
export function decodeHtml(bytes: Uint8Array, fileName: string): DecodedText {
  const hasBom =
    (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) ||
    (bytes[0] === 0xff && bytes[1] === 0xfe) ||
    (bytes[0] === 0xfe && bytes[1] === 0xff);
  const declared = hasBom ? undefined : declaredCharset(bytes);
  if (declared) {
    try {
      const text = new TextDecoder(declared, { fatal: true }).decode(bytes);
      return { text, encoding: new TextDecoder(declared).encoding };
    } catch {
      // The declaration is wrong (it often is): sniff instead.
    }
  }
  return decodeText(bytes, fileName);
}

function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const match = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  if (!match?.[1]) return undefined;
  const label = match[1].toLowerCase();
  // UTF-16 cannot be declared from inside an ASCII-readable file; such a label is a mistake.
  if (label.startsWith('utf-16')) return undefined;
  try {
    const name = new TextDecoder(label).encoding;
    // GB2312 and GBK pages use GB18030 characters in practice; one decoder reads all.
    return name === 'gbk' ? 'gb18030' : name;
  } catch {
    return undefined;
  }
}
