import type { Annotation, Block, ColorMeaning, DocumentMeta, Entity, Label, PdfSourceMap, RelationType, RichDoc } from '../model';

/** Everything an exporter needs about one document: plain data, so renderers are testable without an archive. */
export interface ExportDocument {
  meta: DocumentMeta;
  text: string;
  blocks: Block[];
  annotations: Annotation[];
  note: RichDoc | null;
  /** PDFs: the source map, for page numbers and rectangles (absent for other documents) */
  pdf?: PdfSourceMap | null;
  /** PDFs: PNG crops of area annotations, by annotation id (absent where they could not be rendered) */
  areaImages?: ReadonlyMap<string, Uint8Array>;
}

/** Archive-wide data shared by every document of one export. */
export interface ExportContext {
  entities: readonly Entity[];
  labels: readonly Label[];
  colors: readonly ColorMeaning[];
  /** some document of this export is a PDF: tabular formats add page columns (and only then, so text-only exports stay as they were) */
  paged?: boolean;
  /** the relation types (names, directedness); DEFAULT_RELATION_TYPES where unset */
  relationTypes?: readonly RelationType[];
}

/**
 * One file of an export, or with `stream` one piece of a file written piece by piece (the
 * first piece of a path creates it, later ones append). `path` is relative, '/'-separated
 * and already safe (see file-names.ts); the writer only joins it to the folder.
 */
export interface ExportFile {
  path: string;
  /** text, or bytes (a PNG crop of an area annotation) */
  content: string | Uint8Array;
  stream?: boolean;
}

export const EXPORT_FORMATS = ['markdown', 'w3c', 'brat', 'conll', 'doccano', 'labelstudio', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * One export run. Documents come one at a time (an archive may not fit in memory); what
 * spans documents (an index, a label config, a collection) is written by finish().
 */
export interface ExportSession {
  add(doc: ExportDocument): ExportFile[];
  finish(): ExportFile[];
  /** things the user should know: mentions dropped, orphans skipped */
  readonly notices: string[];
}

/** One interface for all formats (STYLE.md item 7); one file per format implements it. */
export interface Exporter {
  readonly format: ExportFormat;
  /** shown in menus and `marginalia export --help` */
  readonly description: string;
  begin(ctx: ExportContext): ExportSession;
}
