import { DOC_EXTENSIONS, type Block } from '../../../shared/model';
import { DocumentBuilder } from '../../../shared/text/document-builder';
import { metadataDate, metadataLanguage, metadataText } from '../../../shared/text/file-metadata';
import { normaliseText } from '../../../shared/text/normalise';
import { deriveTitle } from '../../../shared/text/title';
import { pageLines, readingOrder } from './pdf-lines';
import { pageBlocks } from './pdf-paragraphs';
import { extractRawPdf, type RawPdf } from './pdf-process';
import { dropFurniture, fixSpacingAccents, markHeadings } from './pdf-structure';
import { ImportError, type Importer, type ParsedDocument, type ParseOptions } from './types';

export const NO_TEXT_LAYER =
  'No text layer: this PDF is a scan or image. It is archived with its original; there is no OCR offline.';
const NO_END_MARKER = 'This PDF has no end-of-file marker and may be truncated: some text may be missing.';

/** A parsed PDF plus the page each block came from (1-based), index for index. */
export interface ParsedPdf extends ParsedDocument {
  blockPages: number[];
  pageCount: number;
}

export const pdfImporter: Importer = {
  type: 'pdf',
  extensions: DOC_EXTENSIONS.pdf,
  async parse(bytes: Uint8Array, fileName: string, options?: ParseOptions): Promise<ParsedDocument> {
    const { blockPages, pageCount: _count, ...doc } = await parsePdf(bytes, fileName, options);
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
  for (const b of blocksIn) if (builder.add(b.kind, normaliseText(fixSpacingAccents(b.text)), b.level)) blockPages.push(b.page);
  const { text, blocks } = builder.build();

  const notices: string[] = [];
  if (!endMarker) notices.push(NO_END_MARKER);
  const metaTitle = metadataTitle(raw.info);
  if (blocks.length === 0) {
    notices.unshift(NO_TEXT_LAYER);
    return { text: '', blocks: [], title: metaTitle ?? fileTitle(fileName), encoding: 'binary', notices, ...metadataOf(raw.info), blockPages, pageCount: raw.pages.length };
  }
  const title = metaTitle ?? deriveTitle({ text, blocks: blocks as Block[] });
  return { text, blocks, title, encoding: 'binary', ...(notices.length ? { notices } : {}), ...metadataOf(raw.info), blockPages, pageCount: raw.pages.length };
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
  const author = metadataText(first(info.author, info.xmpCreator));
  const date = metadataDate(info.creationDate) ?? metadataDate(first(info.xmpCreateDate));
  const language = metadataLanguage(first(info.language, info.xmpLanguage));
  return { ...(author ? { author } : {}), ...(date ? { date } : {}), ...(language ? { language } : {}) };
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

