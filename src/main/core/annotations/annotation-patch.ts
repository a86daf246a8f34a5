import type { Annotation, HighlightColor, RichDoc } from '../../../shared/model';

export interface AnnotationPatch {
  color?: HighlightColor;
  label?: string;
  entityId?: string;
  comment?: RichDoc | null;
  /** null ends a mention's review (confirmed or retagged) */
  review?: null;
}

/** The annotation `patch` makes of `current`: a new object, `current` is left as it was. */
export function patchAnnotation(current: Annotation, patch: AnnotationPatch): Annotation {
  const next: Annotation = { ...current, updatedAt: new Date().toISOString() };
  if (patch.color !== undefined) next.color = patch.color;
  if (patch.label !== undefined) next.label = patch.label;
  if (patch.entityId !== undefined) next.entityId = patch.entityId;
  if (patch.review === null) delete next.review;
  if (patch.comment !== undefined) {
    if (patch.comment === null || isEmptyDoc(patch.comment)) delete next.comment;
    else next.comment = patch.comment;
  }
  return next;
}

/** A comment or note with no text left in it is stored as none. */
export function isEmptyDoc(doc: RichDoc): boolean {
  const hasText = (node: RichDoc['content']): boolean => !!node?.some((n) => (n.text ?? '').trim() !== '' || hasText(n.content));
  return !hasText(doc.content);
}
