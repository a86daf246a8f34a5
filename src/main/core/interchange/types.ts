import type { HighlightColor } from '../../../shared/model';

/** Where an incoming annotation sits. Offsets count code points, as every interchange format does. */
export type Place =
  | { start: number; end: number }
  /** W3C: an area with no text in it, only its place on a page */
  | { empty: true }
  /** W3C: a quote with context, and the position as a hint when given */
  | { quote: string; prefix: string; suffix: string; start?: number; end?: number };

export interface Incoming {
  kind: 'highlight' | 'entity';
  place: Place;
  label?: string;
  entityId?: string;
  color?: HighlightColor;
  comment?: string;
  /** text/markdown is parsed back to rich text; anything else is kept as plain paragraphs */
  commentFormat?: string;
  /** W3C: a rectangle on a PDF page (FragmentSelector page=N refined by xywh, PDF points from the top-left) */
  area?: { page: number; xywh: [number, number, number, number] };
  /** brat A/M: attribute name -> value ("true" for a binary one) */
  attributes?: Record<string, string>;
  /** brat N: links to an external id */
  links?: { db: string; id: string; name?: string }[];
  /** for the report: "line 3", "T2", "items[4]" */
  where: string;
}

/** A relation between two incoming mentions (brat R lines, doccano relations). */
export interface IncomingRelation {
  from: Incoming;
  to: Incoming;
  type: string;
  where: string;
}

/** W3C: how a target's document is found in any archive, in this order. */
export interface DocHints {
  /** urn:marginalia:doc:<id> (our export): used when this archive holds it */
  docId?: string;
  /** the target's source IRI: its last path segment is matched to a document's file name */
  source?: string;
  /** the collection's label (our export writes the document's title) */
  title?: string;
  /** the quotes of its annotations: the one document holding them all */
  quotes: string[];
}

/** One document's worth of incoming annotations and how it is found in the archive. */
export interface IncomingDoc {
  match: { text: string } | { docId: string } | { find: DocHints };
  /** the text came with the annotations (brat .txt, doccano text, CoNLL, Label Studio): the document to create, its text stored as given, when the archive lacks it */
  create?: { name: string };
  annotations: Incoming[];
  relations?: IncomingRelation[];
  /** what could not even be read, with where and why */
  unreadable: string[];
  where: string;
}

export type { AnnotationImportReport as ImportReport } from '../../../shared/model';

export class InterchangeError extends Error {}
