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
  const empty = (a: Annotation) => a.target.end <= a.target.start;
  const results = anchorAll(newText, file.annotations.filter((a) => !empty(a)).map((a) => a.target));
  let next = 0;
  const annotations = file.annotations.map((original): Annotation => {
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
    return { ...rest, target: describeRange(newText, result.start, result.end), ...(result.status === 'exact' ? {} : { updatedAt: now }) };
  });
  return { file: { ...file, annotations }, summary };
}
