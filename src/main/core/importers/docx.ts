import { DOC_EXTENSIONS } from '../../../shared/model';
import mammoth from 'mammoth';
import { DocumentBuilder } from '../../../shared/text/document-builder';
import { normaliseText } from '../../../shared/text/normalise';
import { deriveTitle } from '../../../shared/text/title';
import { checkDocxZip } from './zip-package';
import { domToBlocks, visibleText, type DomBlock, type DomNode } from './html-blocks';
import { parseDocument, type HtmlDocument } from './html-parse';
import { ImportError, type Importer, type ParsedDocument } from './types';

export const docxImporter: Importer = {
  type: 'docx',
  extensions: DOC_EXTENSIONS.docx,
  async parse(bytes: Uint8Array, _fileName: string): Promise<ParsedDocument> {
    checkDocxZip(bytes);
    const html = await convert(bytes);
    const document = parseDocument(html);
    const notes = takeNotes(document);
    const body = document.body as unknown as DomNode;
    const builder = new DocumentBuilder();
    for (const b of [...domToBlocks(body), ...notes]) builder.add(b.kind, normaliseText(b.text), b.level);
    const { text, blocks } = builder.build();
    if (blocks.length === 0) throw new ImportError('no text in this DOCX');
    return { text, blocks, title: deriveTitle({ text, blocks }), encoding: 'utf-8' };
  },
};

async function convert(bytes: Uint8Array): Promise<string> {
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
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
