/** The formats the archive imports. Each has one importer in src/main/core/importers. */
export const DOC_TYPES = ['txt', 'md', 'html', 'pdf', 'docx', 'epub', 'odt', 'rtf', 'image'] as const;
export type DocType = (typeof DOC_TYPES)[number];

/** The file extensions each format is imported from: the importers and the file picker both use this. */
export const DOC_EXTENSIONS: { readonly [T in DocType]: readonly string[] } = {
  txt: ['txt', 'text'],
  md: ['md', 'markdown'],
  html: ['html', 'htm', 'xhtml'],
  pdf: ['pdf'],
  docx: ['docx'],
  epub: ['epub'],
  odt: ['odt'],
  rtf: ['rtf'],
  image: ['png', 'jpg', 'jpeg', 'tif', 'tiff'],
};

/**
 * Documents read as pages: PDFs, and image files (scans), which the import turns into a PDF
 * of their pages (docs/<id>/pages.pdf) so that the page view, OCR and the source map treat
 * them as a scanned PDF.
 */
export function isPaged(type: DocType | undefined): boolean {
  return type === 'pdf' || type === 'image';
}

export const BLOCK_KINDS = ['heading', 'paragraph', 'list-item', 'quote', 'code', 'table-row', 'page'] as const;
export type BlockKind = (typeof BLOCK_KINDS)[number];

/**
 * A structural span of the document text. Offsets are UTF-16 code units into text.txt,
 * end exclusive. Blocks are in text order and do not overlap.
 */
export interface Block {
  kind: BlockKind;
  start: number;
  end: number;
  /** heading level 1..6, list nesting depth 1.., quote depth 1.. */
  level?: number;
  /** the page it stands on (1-based), for paged originals (PDF); a block never spans two pages */
  page?: number;
}

/** What library.json keeps about one document: small, so the library stays fast. */
export interface DocumentMeta {
  id: string;
  title: string;
  type: DocType;
  /** bytes of the original file */
  size: number;
  /** SHA-256 of the original bytes, hex: duplicate detection */
  sha256: string;
  /** file name the document was imported from */
  sourceName: string;
  /** encoding the original was decoded from, e.g. utf-8, gb18030 */
  encoding: string;
  /** length of text.txt in UTF-16 code units */
  textLength: number;
  /** SHA-256 (hex) of text.txt and blocks.json as written, so that damage to them is noticed */
  checks?: { text: string; blocks: string };
  /** things the user should know about this document, e.g. "no text layer (scanned PDF)" */
  notices?: string[];
  /** OCR of the pages without usable text (issue 13): queued, then done or failed */
  ocr?: OcrState;
  /** 1 for the first import; each new version of the text adds one (older ones are kept in versions/) */
  version?: number;
  /** the document's own date (ISO YYYY-MM-DD), found in the text or metadata; editable */
  date?: string;
  /** author or issuing body; editable */
  author?: string;
  /** BCP 47 language tag, detected; editable */
  language?: string;
  /** nested with '/', e.g. "policy/national" */
  tags?: string[];
  /** ids of the collections the document is in */
  collections?: string[];
  importedAt: string;
  updatedAt: string;
}

/** A document in the trash: its metadata as it was, and when it was deleted. Its folder waits in trash/<id>/. */
export interface TrashedDocument extends DocumentMeta {
  deletedAt: string;
  /** annotations (highlights, mentions, comments) it carries back when restored */
  annotationCount: number;
}

/** A document as the library lists it: its metadata and whether it has annotations. */
export interface LibraryEntry extends DocumentMeta {
  hasAnnotations: boolean;
}

export interface DocumentContent {
  meta: DocumentMeta;
  text: string;
  blocks: Block[];
}

/** How the annotations of a document fared when a new version of its text came in. */
export interface AnchoringSummary {
  exact: number;
  moved: number;
  fuzzy: number;
  orphaned: number;
}

export type ImportOutcome =
  /** rules: the names of the filing rules that tagged it */
  | { file: string; status: 'imported'; doc: DocumentMeta; rules?: string[] }
  | { file: string; status: 'duplicate'; doc: DocumentMeta }
  /** nothing stored: the file looks like a new version of `doc`; import again with asVersionOf or separate */
  | { file: string; status: 'version-candidate'; doc: DocumentMeta }
  | { file: string; status: 'new-version'; doc: DocumentMeta; anchoring: AnchoringSummary }
  | { file: string; status: 'failed'; reason: string; needsPassword?: boolean }
  /** a file inside a chosen folder that is not imported (a format Marginalia does not read yet): told, never silent */
  | { file: string; status: 'skipped'; reason: string };

/** Why a file of this name is not imported, or null when some importer reads it. */
export function unsupportedReason(file: string): string | null {
  const dot = file.lastIndexOf('.');
  const ext = dot > file.lastIndexOf('/') && dot >= 0 ? file.slice(dot + 1).toLowerCase() : '';
  const known = Object.values(DOC_EXTENSIONS).flat();
  if (known.includes(ext)) return null;
  return `${ext ? `.${ext}` : 'a file without an extension'} is not a format Marginalia imports (yet); it reads ${known.map((e) => `.${e}`).join(', ')}`;
}

export interface ImportProgress {
  /** identifies one import run, so a UI can tell runs apart */
  runId: string;
  done: number;
  total: number;
  current: string;
  outcome?: ImportOutcome;
}

/** Where OCR of a document stands. A queued document is read again by the OCR queue when the archive opens. */
export interface OcrState {
  state: 'queued' | 'done' | 'failed';
  /** tesseract languages, e.g. "chi_sim+eng" */
  languages: string;
  /** auto: only pages with no usable text; force: every page */
  mode: 'auto' | 'force';
  /** pages read by OCR, once done */
  pages?: number;
  /** share of words read with low confidence (0–1), once done */
  uncertain?: number;
  /** why it failed */
  reason?: string;
}

/** How OCR is getting on, for progress bars: pages done of pages to do, with an estimate. */
export interface OcrProgress {
  docId: string;
  title: string;
  /** pages of this document done / to do (0 / 0 while the PDF is being read) */
  page: number;
  pages: number;
  /** documents waiting after this one */
  waiting: number;
  /** seconds left for this document at the pace so far, once a page is done */
  etaSeconds?: number;
  /** set once the document is finished */
  state?: OcrState['state'];
}
