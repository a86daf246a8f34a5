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
  const results = anchorAll(newText, file.annotations.map((a) => a.target));
  const annotations = file.annotations.map((annotation, i): Annotation => {
    const result = results[i]!;
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
