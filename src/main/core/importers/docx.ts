import { DOC_EXTENSIONS } from '../../../shared/model';
import mammoth from 'mammoth';
import { DocumentBuilder } from '../../../shared/text/document-builder';
import { normaliseText } from '../../../shared/text/normalise';
import { deriveTitle } from '../../../shared/text/title';
import { fileMetadata, metadataText } from '../../../shared/text/file-metadata';
import { acceptChanges, markCommentRanges, placeComments, readComments } from './docx-comments';
import { firstText, parseXml } from './xml';
import { checkDocxZip, ZipPackage } from './zip-package';
import { domToBlocks, visibleText, type DomBlock, type DomNode } from './html-blocks';
import { parseDocument, type HtmlDocument } from './html-parse';
import { ImportError, type Importer, type ParsedDocument } from './types';

export const docxImporter: Importer = {
  type: 'docx',
  extensions: DOC_EXTENSIONS.docx,
  async parse(bytes: Uint8Array, _fileName: string): Promise<ParsedDocument> {
    checkDocxZip(bytes);
    const zip = new ZipPackage(bytes, 'DOCX');
    const original = zip.text('word/document.xml')!;
    const { xml: accepted, changes } = acceptChanges(original);
    const wordComments = zip.has('word/comments.xml') ? readComments(zip.text('word/comments.xml')!) : [];
    const documentXml = wordComments.length > 0 ? markCommentRanges(accepted) : accepted;
    const html = await convert(zip, documentXml === original ? undefined : documentXml);
    const document = parseDocument(html);
    const notes = takeNotes(document);
    const body = document.body as unknown as DomNode;
    const builder = new DocumentBuilder();
    for (const b of [...domToBlocks(body), ...notes]) builder.add(b.kind, normaliseText(b.text), b.level);
    const built = builder.build();
    const placed = placeComments(built.text, built.blocks, wordComments);
    const { text, blocks, comments } = placed;
    if (blocks.length === 0) throw new ImportError('no text in this DOCX');
    const notices: string[] = [];
    if (changes > 0) notices.push(`${changes} tracked change${changes === 1 ? ' was' : 's were'} read as accepted (deleted text left out, inserted text kept)`);
    if (placed.unplaced > 0) notices.push(`${placed.unplaced} Word comment${placed.unplaced === 1 ? '' : 's'} could not be placed on the text and ${placed.unplaced === 1 ? 'was' : 'were'} not imported`);
    const core = zip.has('docProps/core.xml') ? parseXml(zip.text('docProps/core.xml')!) : undefined;
    const title = metadataText(core && firstText(core, 'title')) ?? deriveTitle({ text, blocks });
    return {
      text,
      blocks,
      title,
      encoding: 'utf-8',
      ...(notices.length ? { notices } : {}),
      ...(comments.length ? { comments } : {}),
      ...fileMetadata({ author: core && firstText(core, 'creator'), dates: [core && firstText(core, 'created'), core && firstText(core, 'modified')], language: core && firstText(core, 'language') }),
    };
  },
};

/**
 * mammoth reads the package through our checked zip reader (every part inflated with a
 * cap), with document.xml replaced where comments were marked or changes accepted.
 */
function mammothFile(zip: ZipPackage, documentXml: string | undefined) {
  return {
    exists: (name: string): boolean => zip.has(name),
    read: async (name: string, encoding?: string): Promise<string | Uint8Array> => {
      if (name === 'word/document.xml' && documentXml !== undefined) return encoding ? documentXml : new TextEncoder().encode(documentXml);
      const bytes = zip.read(name);
      if (!bytes) throw new Error(`missing part ${name}`);
      if (encoding === 'base64') return Buffer.from(bytes).toString('base64');
      return encoding ? new TextDecoder(encoding).decode(bytes) : bytes;
    },
  };
}

async function convert(zip: ZipPackage, documentXml: string | undefined): Promise<string> {
  try {
    const result = await mammoth.convertToHtml(
      { file: mammothFile(zip, documentXml) } as unknown as Parameters<typeof mammoth.convertToHtml>[0],
      {
        // CVE-2025-11849: a DOCX can point at files on this machine; never follow.
        externalFileAccess: false,
        // Images are not text: skip them without reading (or base64-encoding) their bytes.
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
      } as Parameters<typeof mammoth.convertToHtml>[1],
    );
    return result.value;
  } catch (error) {
    throw new ImportError(`corrupt DOCX: ${(error as Error).message.split('\n')[0]}`);
  }
}

/**
 * mammoth puts footnotes and endnotes at the end as an <ol> of <li id="footnote-N">, each
 * with a "↑" link back to its mark. They become paragraphs "[N] text" after the body,
 * matching the "[N]" marks mammoth leaves in the text (numbered in order of reference).
 */
interface NoteElement {
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<{ remove(): void }>;
  parentNode: { remove(): void } | null;
}

function takeNotes(document: HtmlDocument): DomBlock[] {
  const found = document.querySelectorAll('li[id^="footnote-"], li[id^="endnote-"]') as unknown as ArrayLike<NoteElement>;
  const items = Array.from(found);
  const notes: DomBlock[] = [];
  const lists = new Set<{ remove(): void }>();
  // The marks in the text count footnotes and endnotes together, in order: so do we.
  items.forEach((li, i) => {
    for (const back of Array.from(li.querySelectorAll('a[href^="#footnote-ref-"], a[href^="#endnote-ref-"]'))) back.remove();
    const text = visibleText(li as unknown as DomNode).replace(/\s+/g, ' ').trim();
    if (text) notes.push({ kind: 'paragraph', text: `[${i + 1}] ${text}` });
    if (li.parentNode) lists.add(li.parentNode);
  });
  for (const list of lists) list.remove();
  return notes;
}
