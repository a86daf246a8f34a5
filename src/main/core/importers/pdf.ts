import { DOC_EXTENSIONS, type Block, type PdfSourceMap } from '../../../shared/model';
import { DocumentBuilder } from '../../../shared/text/document-builder';
import { fileMetadata } from '../../../shared/text/file-metadata';
import { normaliseText } from '../../../shared/text/normalise';
import { deriveTitle } from '../../../shared/text/title';
import { pageLines, readingOrder } from './pdf-lines';
import { buildSourceMap, type MappedBlock } from './pdf-map';
import { pageBlocks } from './pdf-paragraphs';
import { replaceTraced } from './pdf-trace';
import { extractRawPdf, type RawPdf } from './pdf-process';
import { dropFurniture, fixSpacingAccents, markHeadings } from './pdf-structure';
import { ImportError, type Importer, type ParsedDocument, type ParseOptions } from './types';

export const NO_TEXT_LAYER =
  'No text layer: this PDF is a scan or image. OCR can read its text (Read text in the reader, or marginalia ocr ID).';
const NO_END_MARKER = 'This PDF has no end-of-file marker and may be truncated: some text may be missing.';

/** A parsed PDF plus the page each block came from (1-based), index for index. */
export interface ParsedPdf extends ParsedDocument {
  blockPages: number[];
  pageCount: number;
  sourceMap: PdfSourceMap;
}

export const pdfImporter: Importer = {
  type: 'pdf',
  extensions: DOC_EXTENSIONS.pdf,
  async parse(bytes: Uint8Array, fileName: string, options?: ParseOptions): Promise<ParsedDocument> {
    const { blockPages, pageCount: _count, ...doc } = await parsePdf(bytes, fileName, options);
    // The map travels with the parsed document to the store (docs/<id>/pages.json).
    return { ...doc, blocks: doc.blocks.map((block, i) => ({ ...block, page: blockPages[i]! })) };
  },
};

/** Text of a PDF's text layer, in reading order, as blocks that never span two pages. */
export async function parsePdf(bytes: Uint8Array, fileName: string, options?: ParseOptions): Promise<ParsedPdf> {
  if (bytes.length === 0) throw new ImportError('empty file');
  // pdf.js looks for the header in the first KB too; anything else is not a PDF at all.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  if (!head.includes('%PDF-')) throw new ImportError('not a PDF file (no %PDF- header)');
  const raw = await extractRawPdf(bytes, options?.password, undefined, options?.timeoutMs);
  return layOut(raw, fileName, hasEndMarker(bytes));
}

/** Turns the worker's positioned text into the document; exported for tests on synthetic pages. */
export function layOut(raw: RawPdf, fileName: string, endMarker = true): ParsedPdf {
  const perPage = raw.pages.map((page, i) => pageBlocks(readingOrder(pageLines(page)), i + 1));
  const blocksIn = dropFurniture(perPage).flat();
  markHeadings(blocksIn);

  const builder = new DocumentBuilder();
  const blockPages: number[] = [];
  const traced: MappedBlock['from'][] = [];
  for (const b of blocksIn) {
    const from = b.kind === 'code' ? { text: b.text, src: b.src } : replaceTraced({ text: b.text, src: b.src }, DOT_LEADER, ' … ');
    if (builder.add(b.kind, normaliseText(fixSpacingAccents(from.text)), b.level)) {
      blockPages.push(b.page);
      traced.push(from);
    }
  }
  const { text, blocks } = builder.build();
  const sourceMap = buildSourceMap(
    raw,
    text,
    blocks.map((b, i) => ({ page: blockPages[i]!, start: b.start, end: b.end, from: traced[i]! })),
  );

  const notices: string[] = [];
  if (!endMarker) notices.push(NO_END_MARKER);
  notices.push(...pageNotices(raw));
  const metaTitle = metadataTitle(raw.info);
  const needsOcr = pagesWithoutText(raw);
  const common = { encoding: 'binary', ...metadataOf(raw.info), blockPages, pageCount: raw.pages.length, sourceMap, ...(needsOcr.length ? { needsOcr } : {}) };
  if (blocks.length === 0) {
    notices.unshift(NO_TEXT_LAYER);
    return { text: '', blocks: [], title: metaTitle ?? fileTitle(fileName), notices, ...common };
  }
  const title = metaTitle ?? deriveTitle({ text, blocks: blocks as Block[] });
  return { text, blocks, title, ...(notices.length ? { notices } : {}), ...common };
}

// Dot leaders of a table of contents ("Introduction ........ 7", "引言……………… 3"): four or
// more dots, middle dots or ellipses, spaced or not, become one separator.
const DOT_LEADER = /[ \t]*(?:[.·・․‧⋯…][ \t]?){4,}[ \t]*/gu;

// Text from fonts without a usable ToUnicode map comes out as private-use or control characters.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const JUNK = /[\u0000-\u0008\u000e-\u001f\ue000-\uf8ff\ufffd]/gu;

/** Notices about pages: those that failed to read, and those whose text is junk. */
export function pageNotices(raw: RawPdf): string[] {
  const notices: string[] = [];
  const failed = raw.pages.flatMap((p, i) => (p.failed ? [i + 1] : []));
  if (failed.length) {
    const first = raw.pages[failed[0]! - 1]!.failed;
    notices.push(
      `${failed.length === 1 ? 'Page' : 'Pages'} ${listPages(failed)} ${failed.length === 1 ? 'is' : 'are'} damaged (${first}): the text there is missing or incomplete; the other pages were read.`,
    );
  }
  const junk = junkPages(raw);
  if (junk.length) {
    notices.push(
      `${junk.length === 1 ? 'Page' : 'Pages'} ${listPages(junk)}: the fonts have no usable text mapping, so the text extracted there is junk; the page needs OCR to be read.`,
    );
  }
  return notices;
}

/** Pages whose text extracts as junk: fonts without a usable text mapping. */
export function junkPages(raw: RawPdf): number[] {
  return raw.pages.flatMap((p, i) => {
    const chars = p.items.map(([str]) => str.replace(/\s/g, '')).join('');
    const bad = chars.match(JUNK)?.length ?? 0;
    return chars.length >= 10 && bad / chars.length > 0.3 ? [i + 1] : [];
  });
}

/** Pages OCR should read: those with no text at all, and those whose text is junk (failed pages are not: they could not be rendered either). */
export function pagesWithoutText(raw: RawPdf): number[] {
  const junk = new Set(junkPages(raw));
  return raw.pages.flatMap((p, i) => (!p.failed && (junk.has(i + 1) || !p.items.some(([str]) => str.trim())) ? [i + 1] : []));
}

function listPages(pages: number[]): string {
  return pages.length > 20 ? `${pages.slice(0, 20).join(', ')} and ${pages.length - 20} more` : pages.join(', ');
}

// Producers fill Title with placeholders and file names as often as with titles.
const PLACEHOLDER = /^(?:untitled|unknown|title|presentation|document|slide|book|doc|microsoft word)\s*\d*$/i;

export function metadataTitle(info: RawPdf['info']): string | undefined {
  for (const candidate of [info.title, info.xmpTitle]) {
    if (typeof candidate !== 'string') continue;
    const title = normaliseText(candidate)
      .replace(/^Microsoft (?:Word|PowerPoint) - /i, '')
      .replace(/\s+/g, ' ')
      .trim();
    if (title.length < 3 || title.length > 200 || !/\p{L}/u.test(title)) continue;
    if (PLACEHOLDER.test(title) || /\.(?:docx?|pdf|tex|dvi|ps|indd|qxd|rtf|odt|pptx?)$/i.test(title)) continue;
    return title;
  }
  return undefined;
}

/** Author, date and language from the Info dictionary, else the XMP packet (XMP lists come as arrays). */
export function metadataOf(info: RawPdf['info']): { author?: string; date?: string; language?: string } {
  const first = (...values: unknown[]): unknown => values.map((v) => (Array.isArray(v) ? v.filter((x) => typeof x === 'string').join('; ') : v)).find((v) => typeof v === 'string' && v.trim());
  return fileMetadata({ author: first(info.author, info.xmpCreator), dates: [info.creationDate, first(info.xmpCreateDate)], language: first(info.language, info.xmpLanguage) });
}

function fileTitle(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return base.replace(/\.pdf$/i, '').trim() || 'Untitled';
}

// A complete PDF ends with %%EOF (give or take trailing junk); pdf.js repairs a file cut
// short, so this is the only sign that the text we got may be partial.
function hasEndMarker(bytes: Uint8Array): boolean {
  const tail = new TextDecoder('latin1').decode(bytes.subarray(Math.max(0, bytes.length - 2048)));
  return tail.includes('%%EOF');
}

