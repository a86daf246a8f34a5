import type { PageGeometry } from './pdf';

/**
 * One annotation model for reading and entity work, shaped after the W3C Web Annotation
 * model so that it exports without loss (DESIGN.md "Annotations").
 */

/**
 * `area`: a rectangle on a PDF page (a figure, a seal, a table); its target is the text inside it, possibly none.
 * `relation`: a link between two entity mentions (`from`, `to`, `type`).
 */
export const ANNOTATION_KINDS = ['highlight', 'entity', 'area', 'relation'] as const;
export type AnnotationKind = (typeof ANNOTATION_KINDS)[number];

/** The highlight colours; users give each a meaning ("important", "question") in settings. */
export const HIGHLIGHT_COLORS = ['yellow', 'green', 'blue', 'pink', 'purple', 'orange'] as const;
export type HighlightColor = (typeof HIGHLIGHT_COLORS)[number];

/** Where an annotation sits: offsets (UTF-16 units into text.txt) plus the quote and its context. */
export interface AnnotationTarget {
  start: number;
  end: number;
  quote: string;
  prefix: string;
  suffix: string;
}

/** A node of Tiptap's (ProseMirror's) JSON document: what rich-text comments and notes are stored as. */
export interface RichNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: RichNode[];
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  text?: string;
}

export interface RichDoc extends RichNode {
  type: 'doc';
}

export interface Annotation {
  id: string;
  docId: string;
  kind: AnnotationKind;
  target: AnnotationTarget;
  color?: HighlightColor;
  label?: string;
  entityId?: string;
  comment?: RichDoc | null;
  /**
   * Its layer (layers.ts): who wrote it — the archive's user named in Settings → Team, an
   * annotator whose file was imported as their layer, the gold layer, a reviewer whose Word
   * comment came in with the document. Absent: the local user's (old archives, no name set).
   */
  author?: string;
  /**
   * A relation (kind 'relation') between two entity mentions of the same document: their
   * ids and the relation type's id (label settings). Its target repeats the `from`
   * mention's, so everything that places, sorts and restores annotations works on it.
   */
  from?: string;
  to?: string;
  type?: string;
  /**
   * On PDFs: where it stands on the pages (PDF points), cached so the page view draws it
   * before the text layer exists. For an `area` annotation this is what it marks, and its
   * target is the text inside the rectangle (empty where there is none: a figure, a seal).
   */
  geometry?: PageGeometry[];
  /** attributes a corpus gave the mention (brat A/M lines): name -> value ("true" for a binary one) */
  attributes?: Record<string, string>;
  /** links to an external id the corpus gave the mention (brat N lines: "Wikidata:Q42") */
  links?: ExternalLink[];
  /** set when a new version of the text could not place it with confidence; target keeps the old quote */
  orphan?: { reason: string; since: string };
  /**
   * Set on an entity mention re-anchored onto different text in a new version (an amount or
   * a name changed): its target is the new text, and it is out of its entity (entityId
   * moved here) until the user confirms it still means that entity or retags it.
   */
  review?: MentionReview;
  createdAt: string;
  updatedAt: string;
}

export interface ExternalLink {
  /** the database, e.g. Wikidata, GeoNames */
  db: string;
  id: string;
  /** the name the corpus gave (brat N's text) */
  name?: string;
}

export interface MentionReview {
  oldQuote: string;
  newQuote: string;
  /** the entity it belonged to before the change */
  entityId?: string;
  since: string;
}

export interface ColorMeaning {
  color: HighlightColor;
  name: string;
}

export const DEFAULT_COLOR_MEANINGS: ColorMeaning[] = [
  { color: 'yellow', name: 'Highlight' },
  { color: 'green', name: 'Important' },
  { color: 'blue', name: 'Follow up' },
  { color: 'pink', name: 'Question' },
  { color: 'purple', name: 'Definition' },
  { color: 'orange', name: 'Disagree' },
];

/** What importing one file of annotations (doccano, brat, W3C) did. */
export interface AnnotationImportReport {
  file: string;
  format: 'doccano' | 'brat' | 'w3c' | 'conll' | 'labelstudio';
  imported: number;
  skipped: number;
  /** already in the archive (a re-import): neither imported again nor an error */
  duplicates?: number;
  /** documents the import created, their texts stored as given (brat .txt, doccano text, CoNLL tokens, Label Studio tasks) */
  created?: string[];
  /** why annotations were skipped, one line each ("line 2 [0, 4, ORG]: label ORG is not in the label set") */
  reasons: string[];
  /** imported, but with something changed (an entity link the registry does not hold) */
  warnings: string[];
  /** ids of the documents annotations went to */
  documents: string[];
}
