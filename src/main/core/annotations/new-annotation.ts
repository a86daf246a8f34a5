import { ApiError } from '../../../shared/api';
import { describeRange } from '../../../shared/anchoring';
import type { Annotation, AnnotationKind, ExternalLink, HighlightColor, PageGeometry, RichDoc } from '../../../shared/model';
import { newId } from '../ids';

/** What a caller gives to create an annotation: a range of the stored text, never its quote. */
export interface NewAnnotation {
  kind: AnnotationKind;
  start: number;
  end: number;
  color?: HighlightColor;
  label?: string;
  entityId?: string;
  comment?: RichDoc | null;
  /** PDFs: rectangles on the pages; an area annotation's one rectangle */
  geometry?: PageGeometry[];
  /**
   * The layer it goes into: a Word comment's reviewer, an annotator's imported file
   * (`import-annotations --layer`), the gold layer. Absent: the local user's (team.user).
   */
  author?: string;
  /** an import that could not tell where it belongs (a quote found more than once): listed for review */
  orphan?: { reason: string };
  /** from a corpus (brat A/M and N lines) */
  attributes?: Record<string, string>;
  links?: ExternalLink[];
  createdAt?: string;
}

/** A new annotation on [start, end) of the text; quote and context come from the text. */
export function buildAnnotation(docId: string, text: string, input: NewAnnotation): Annotation {
  // An area may hold no text (a figure, a seal): only it may be empty.
  const empty = input.kind === 'area' && input.start === input.end;
  if (input.end > text.length || (input.start >= input.end && !empty)) {
    throw new ApiError('invalid_input', `The range ${input.start}–${input.end} is not inside this document (length ${text.length}).`);
  }
  if (input.kind === 'area' && (input.geometry?.length !== 1 || input.geometry[0]!.rects.length !== 1)) {
    throw new ApiError('invalid_input', 'An area annotation needs its page and one rectangle (geometry).');
  }
  const now = new Date().toISOString();
  return {
    id: newId(),
    docId,
    kind: input.kind,
    target: empty ? emptyTarget(text, input.start) : targetFor(text, input.start, input.end),
    ...(input.geometry ? { geometry: input.geometry } : {}),
    ...(input.color ? { color: input.color } : input.kind === 'highlight' ? { color: 'yellow' as const } : {}),
    ...(input.label ? { label: input.label } : {}),
    ...(input.entityId ? { entityId: input.entityId } : {}),
    ...(input.comment ? { comment: input.comment } : {}),
    ...(input.author ? { author: input.author } : {}),
    ...(input.attributes && Object.keys(input.attributes).length ? { attributes: input.attributes } : {}),
    ...(input.links?.length ? { links: input.links } : {}),
    ...(input.orphan ? { orphan: { reason: input.orphan.reason, since: now } } : {}),
    createdAt: input.createdAt ?? now,
    updatedAt: input.createdAt ?? now,
  };
}

/** describeRange refuses a range that splits a character (half an emoji): say so as the user's error. */
export function targetFor(text: string, start: number, end: number) {
  try {
    return describeRange(text, start, end);
  } catch (error) {
    if (error instanceof RangeError) throw new ApiError('invalid_input', `Cannot annotate ${start}–${end}: ${error.message}`);
    throw error;
  }
}

/** The target of an area with no text in it: where it stands in the text, with context for anchoring. */
function emptyTarget(text: string, at: number) {
  if (at > 0 && at < text.length && /[\udc00-\udfff]/.test(text[at]!)) at -= 1;
  return { start: at, end: at, quote: '', prefix: text.slice(Math.max(0, at - 32), at), suffix: text.slice(at, at + 32) };
}
