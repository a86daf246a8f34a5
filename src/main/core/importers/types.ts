import type { Block, DocType, PdfSourceMap } from '../../../shared/model';

/** What an importer makes of one file: normalised text, its blocks and a title. */
export interface ParsedDocument {
  /** normalised text: what text.txt holds and every annotation offset points into */
  text: string;
  blocks: Block[];
  title: string;
  /** the encoding the bytes were decoded from (utf-8, utf-16le, gb18030, big5, ...) */
  encoding: string;
  /** shown with the document, e.g. that a PDF has no text layer and was archived without text */
  notices?: string[];
  /** reviewers' comments the file carries (Word comments), on ranges of `text` */
  comments?: ImportedComment[];
  /** from the file's own metadata (front matter, PDF info, HTML meta) when it has them */
  author?: string;
  date?: string;
  language?: string;
  /** PDF: where each character of text came from on the pages (stored as docs/<id>/pages.json) */
  sourceMap?: PdfSourceMap;
  /** pages (1-based) with no usable text — no text layer, or junk from fonts without a text mapping: OCR reads them */
  needsOcr?: number[];
  /** image files: the PDF of their pages that the page view and OCR read (stored as docs/<id>/pages.pdf) */
  pagesPdf?: Uint8Array;
}

/** A comment carried by the file, on [start, end) of the parsed text (UTF-16 offsets). */
export interface ImportedComment {
  start: number;
  end: number;
  /** its paragraphs */
  paragraphs: string[];
  author?: string;
  /** ISO 8601 */
  date?: string;
}

export interface ParseOptions {
  /** for encrypted PDFs that need a user password */
  password?: string;
  /** PDF: the time limit for reading this file (other formats are timed by the parse pool) */
  timeoutMs?: number;
  /** plain text stored exactly as given (annotation import: brat .txt, doccano text): no normalising */
  verbatim?: boolean;
}

/** One importer per format, one interface for all formats. */
export interface Importer {
  type: DocType;
  /** lower-case extensions without the dot */
  extensions: readonly string[];
  parse(bytes: Uint8Array, fileName: string, options?: ParseOptions): Promise<ParsedDocument>;
}

/** A file that cannot be imported; the message is the reason shown to the user beside the file name. */
export class ImportError extends Error {
  constructor(
    message: string,
    /** password_required / password_wrong let a UI ask for the password and try again */
    readonly code: 'unreadable' | 'password_required' | 'password_wrong' = 'unreadable',
  ) {
    super(message);
    this.name = 'ImportError';
  }
}
