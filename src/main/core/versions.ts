import { anchorAll, describeRange } from '../../shared/anchoring';
import type { AnchoringSummary, Annotation } from '../../shared/model';
import type { AnnotationsFile } from './store/schemas';

/**
 * Carries a document's annotations over to a new version of its text. Placed ones get
 * fresh targets in the new text; the rest stay, marked orphan with their old quote, for
 * the user to place or delete. None is dropped.
 */
export function reanchorAnnotations(file: AnnotationsFile, newText: string, now: string): { file: AnnotationsFile; summary: AnchoringSummary } {
  const summary: AnchoringSummary = { exact: 0, moved: 0, fuzzy: 0, orphaned: 0 };
  // An area with no text in it has no quote to find: it stays where it was on its page.
  // A relation has no text of its own: it follows its from mention, below.
  const empty = (a: Annotation) => a.kind !== 'relation' && a.target.end <= a.target.start;
  const anchored = (a: Annotation) => a.kind !== 'relation' && !empty(a);
  const results = anchorAll(newText, file.annotations.filter(anchored).map((a) => a.target));
  let next = 0;
  const placed = file.annotations.map((original): Annotation => {
    if (original.kind === 'relation') return original;
    // Rectangles cached for the old pages say nothing about the new ones (the page view
    // computes them again from the new map); an area's rectangle is what it marks and stays.
    const { geometry: _stale, ...withoutGeometry } = original;
    const annotation: Annotation = original.kind === 'area' ? original : withoutGeometry;
    if (empty(annotation)) {
      const at = Math.min(annotation.target.start, newText.length);
      summary.moved++;
      return { ...annotation, target: { start: at, end: at, quote: '', prefix: newText.slice(Math.max(0, at - 32), at), suffix: newText.slice(at, at + 32) } };
    }
    const result = results[next++]!;
    if (result.status === 'orphan') {
      summary.orphaned++;
      return { ...annotation, orphan: annotation.orphan ?? { reason: result.reason, since: now } };
    }
    summary[result.status]++;
    const { orphan: _placed, ...rest } = annotation;
    const target = describeRange(newText, result.start, result.end);
    const moved: Annotation = { ...rest, target, ...(result.status === 'exact' ? {} : { updatedAt: now }) };
    // A mention now over different text ("117.8" became "118.2") does not keep its meaning
    // silently: it leaves its entity until the user confirms or retags it.
    if (annotation.kind === 'entity' && target.quote !== annotation.target.quote) {
      const oldQuote = annotation.review?.oldQuote ?? annotation.target.quote;
      const entityId = annotation.review?.entityId ?? annotation.entityId;
      const { entityId: _out, ...unlinked } = moved;
      return { ...unlinked, review: { oldQuote, newQuote: target.quote, ...(entityId ? { entityId } : {}), since: now } };
    }
    return moved;
  });
  const byId = new Map(placed.map((a) => [a.id, a]));
  const annotations = placed.map((a): Annotation => {
    if (a.kind !== 'relation') return a;
    const from = byId.get(a.from ?? '');
    if (!from) return a;
    summary[from.orphan ? 'orphaned' : 'exact']++;
    const { orphan: _o, ...rest } = a;
    return { ...rest, target: { ...from.target }, ...(from.orphan ? { orphan: from.orphan } : {}) };
  });
  return { file: { ...file, annotations }, summary };
}
