import { parseDocument } from 'htmlparser2';
import type { ChildNode, Document, Element } from 'domhandler';

/**
 * XML parts of zip packages (EPUB's OPF and NCX, ODF's content.xml, Word's comments.xml),
 * parsed by htmlparser2 in XML mode: no DTD, no external entity, nothing fetched.
 * Elements are matched by local name, so "dc:title" and a default-namespaced "title" are one.
 */
export type XmlElement = Element;

export function parseXml(xml: string): Document {
  return parseDocument(xml, { xmlMode: true, decodeEntities: true });
}

export const localName = (el: { name: string }): string => el.name.slice(el.name.indexOf(':') + 1);

export function isElement(node: ChildNode | Document): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

export function childElements(node: Element | Document, name?: string): Element[] {
  return node.children.filter((c): c is Element => isElement(c) && (name === undefined || localName(c) === name));
}

/** Descendant elements with this local name, in document order. */
export function findAll(node: Element | Document, name: string): Element[] {
  const out: Element[] = [];
  const walk = (n: Element | Document): void => {
    for (const c of n.children) {
      if (!isElement(c)) continue;
      if (localName(c) === name) out.push(c);
      walk(c);
    }
  };
  walk(node);
  return out;
}

export function findFirst(node: Element | Document, name: string): Element | undefined {
  return findAll(node, name)[0];
}

/** An attribute by local name ("full-path", "opf:role" and "role" alike). */
export function attr(el: Element, name: string): string | undefined {
  if (el.attribs[name] !== undefined) return el.attribs[name];
  for (const [key, value] of Object.entries(el.attribs)) if (key.slice(key.indexOf(':') + 1) === name) return value;
  return undefined;
}

export function textOf(node: ChildNode | Document): string {
  if (node.type === 'text' || node.type === 'cdata') return 'data' in node ? String(node.data) : node.children.map(textOf).join('');
  if ('children' in node) return node.children.map(textOf).join('');
  return '';
}

/** The trimmed text of the first element with this local name, if any. */
export function firstText(node: Element | Document, name: string): string | undefined {
  const el = findFirst(node, name);
  const text = el ? textOf(el).replace(/\s+/g, ' ').trim() : '';
  return text || undefined;
}
