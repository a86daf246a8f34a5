import { posix } from 'node:path';
import { DOC_EXTENSIONS } from '../../../shared/model';
import { DocumentBuilder } from '../../../shared/text/document-builder';
import { fileMetadata, metadataText } from '../../../shared/text/file-metadata';
import { normaliseText } from '../../../shared/text/normalise';
import { deriveTitle } from '../../../shared/text/title';
import { cleanHeadings } from './html-clean';
import { domToBlocks, type DomBlock, type DomNode } from './html-blocks';
import { parseDocument } from './html-parse';
import { ImportError, type Importer, type ParsedDocument } from './types';
import { attr, childElements, findAll, findFirst, firstText, parseXml, textOf } from './xml';
import { ZipPackage } from './zip-package';

const CHAPTER_TYPES = new Set(['application/xhtml+xml', 'text/html', 'application/x-dtbook+xml']);

/**
 * EPUB 2 and 3: the chapters in spine order, each read by the HTML walker (scripts and
 * images never become text), a chapter without a heading of its own headed by its entry
 * in the table of contents, and the title, author, date and language of the OPF metadata.
 */
export const epubImporter: Importer = {
  type: 'epub',
  extensions: DOC_EXTENSIONS.epub,
  async parse(bytes: Uint8Array): Promise<ParsedDocument> {
    const zip = new ZipPackage(bytes, 'EPUB');
    const container = zip.text('META-INF/container.xml');
    if (container === undefined) throw new ImportError('not an EPUB (no META-INF/container.xml)');
    const rootfile = findFirst(parseXml(container), 'rootfile');
    const opfPath = rootfile ? attr(rootfile, 'full-path') : undefined;
    const opfText = opfPath ? zip.text(opfPath) : undefined;
    if (!opfPath || opfText === undefined) throw new ImportError('corrupt EPUB: its package document (OPF) is missing');
    checkDrm(zip);
    const opf = parseXml(opfText);
    const base = posix.dirname(opfPath);

    const manifest = new Map<string, { path: string; type: string; properties: string }>();
    for (const item of findAll(opf, 'item')) {
      const id = attr(item, 'id');
      const href = attr(item, 'href');
      if (id && href) manifest.set(id, { path: resolve(base, href), type: attr(item, 'media-type') ?? '', properties: attr(item, 'properties') ?? '' });
    }
    const spine = findFirst(opf, 'spine');
    const chapters = (spine ? childElements(spine, 'itemref') : [])
      .map((ref) => manifest.get(attr(ref, 'idref') ?? ''))
      .filter((item): item is NonNullable<typeof item> => item !== undefined && CHAPTER_TYPES.has(item.type));
    if (chapters.length === 0) throw new ImportError('corrupt EPUB: its spine lists no chapters');
    const tocLabels = tableOfContents(zip, manifest, spine ? attr(spine, 'toc') : undefined);

    const builder = new DocumentBuilder();
    let missing = 0;
    for (const chapter of chapters) {
      const html = zip.text(chapter.path);
      if (html === undefined) {
        missing++;
        continue;
      }
      const blocks = chapterBlocks(html);
      const label = tocLabels.get(chapter.path);
      // A chapter that opens without a heading is headed by its table-of-contents entry.
      if (label && !blocks.slice(0, 3).some((b) => b.kind === 'heading')) blocks.unshift({ kind: 'heading', text: label, level: 1 });
      for (const b of blocks) builder.add(b.kind, normaliseText(b.text), b.level);
    }
    const { text, blocks } = builder.build();
    if (blocks.length === 0) throw new ImportError('no text in this EPUB');

    const metadata = findFirst(opf, 'metadata') ?? opf;
    const title = metadataText(firstText(metadata, 'title')) ?? deriveTitle({ text, blocks });
    const notices = missing > 0 ? [`${missing} chapter${missing === 1 ? '' : 's'} listed in the EPUB's spine ${missing === 1 ? 'is' : 'are'} missing from the file`] : undefined;
    return {
      text,
      blocks,
      title,
      encoding: 'utf-8',
      ...(notices ? { notices } : {}),
      ...fileMetadata({
        author: findAll(metadata, 'creator').map((c) => textOf(c).trim()).filter(Boolean).join('; '),
        // dc:date is the publication's; dcterms:modified (required in EPUB 3) is when the file was built: not the document's date.
        dates: [firstText(metadata, 'date')],
        language: firstText(metadata, 'language'),
      }),
    };
  },
};

function chapterBlocks(html: string): DomBlock[] {
  const document = parseDocument(normaliseText(html));
  cleanHeadings(document);
  const body = (document.body ?? document.documentElement) as unknown as DomNode | null;
  return body ? domToBlocks(body) : [];
}

/** Chapter file → its label in the table of contents (EPUB 3 nav document, else the EPUB 2 NCX). */
function tableOfContents(zip: ZipPackage, manifest: Map<string, { path: string; type: string; properties: string }>, ncxId?: string): Map<string, string> {
  const labels = new Map<string, string>();
  const add = (from: string, href: string | undefined, label: string): void => {
    const clean = label.replace(/\s+/g, ' ').trim();
    if (!href || !clean) return;
    const path = resolve(posix.dirname(from), href.split('#')[0]!);
    if (!labels.has(path)) labels.set(path, clean);
  };
  const nav = [...manifest.values()].find((item) => item.properties.split(/\s+/).includes('nav'));
  const navText = nav ? zip.text(nav.path) : undefined;
  if (nav && navText !== undefined) {
    const doc = parseXml(navText);
    const toc = findAll(doc, 'nav').find((n) => attr(n, 'type') === 'toc') ?? findFirst(doc, 'nav');
    for (const a of toc ? findAll(toc, 'a') : []) add(nav.path, attr(a, 'href'), textOf(a));
  }
  const ncx = (ncxId ? manifest.get(ncxId) : undefined) ?? [...manifest.values()].find((item) => item.type === 'application/x-dtbncx+xml');
  const ncxText = ncx ? zip.text(ncx.path) : undefined;
  if (ncx && ncxText !== undefined) {
    for (const point of findAll(parseXml(ncxText), 'navPoint')) {
      const label = findFirst(point, 'navLabel');
      const content = childElements(point, 'content')[0];
      add(ncx.path, content ? attr(content, 'src') : undefined, label ? textOf(label) : '');
    }
  }
  return labels;
}

// Font obfuscation (IDPF, Adobe) is not DRM; anything else encrypting a chapter is.
const FONT_OBFUSCATION = new Set(['http://www.idpf.org/2008/embedding', 'http://ns.adobe.com/pdf/enc#RC']);

function checkDrm(zip: ZipPackage): void {
  const encryption = zip.text('META-INF/encryption.xml');
  if (encryption === undefined) return;
  const methods = findAll(parseXml(encryption), 'EncryptionMethod').map((m) => attr(m, 'Algorithm') ?? '');
  if (methods.some((m) => !FONT_OBFUSCATION.has(m))) throw new ImportError('DRM-protected EPUB: its chapters are encrypted and cannot be read');
}

function resolve(base: string, href: string): string {
  let decoded = href;
  try {
    decoded = decodeURIComponent(href);
  } catch {
    // a stray % stays as written
  }
  return posix.normalize(posix.join(base === '.' ? '' : base, decoded)).replace(/^\/+/, '');
}
