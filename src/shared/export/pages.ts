import type { Annotation, PageGeometry, PdfRect, PdfSourceMap } from '../model';
import { pageLabel, pageOfOffset, textRangeToGeometry } from '../model/pdf';

/** Where an annotation on a PDF stands: its first page (1-based), that page's label, and its rectangles in PDF points. */
export interface AnnotationPlace {
  page: number;
  label: string;
  geometry: PageGeometry[];
}

/**
 * The page and rectangles of an annotation on a PDF: the geometry cached with it (made in
 * the page view), else computed from the source map. Undefined for documents without a map
 * and for text that came from no page (an orphan, a range of made-up characters only).
 */
export function annotationPlace(a: Annotation, map: PdfSourceMap | null | undefined): AnnotationPlace | undefined {
  if (!map) return undefined;
  let geometry = a.geometry?.length ? a.geometry : undefined;
  if (!geometry && !a.orphan) {
    const computed = textRangeToGeometry(map, a.target.start, a.target.end);
    if (computed.length) geometry = computed;
  }
  const page = geometry?.[0]?.page ?? (a.orphan || a.target.end <= a.target.start ? undefined : pageOfOffset(map, a.target.start));
  if (page === undefined) return undefined;
  return { page, label: pageLabel(map, page), geometry: geometry ?? [] };
}

/** "p. 7" (or "p. iv" where the PDF labels its pages). */
export const citePage = (place: AnnotationPlace): string => `p. ${place.label}`;

/** An area's rectangle as x, y, width, height from the page's top-left corner, in whole PDF points (Media Fragments xywh). */
export function areaBox(rect: PdfRect, map: PdfSourceMap, page: number): [number, number, number, number] {
  const view = map.pages.find((p) => p.page === page)?.view ?? [0, 0, 0, rect[3]];
  const top = view[3];
  return [Math.round(rect[0] - view[0]), Math.round(top - rect[3]), Math.round(rect[2] - rect[0]), Math.round(rect[3] - rect[1])];
}

/** Whether an annotation reads as a tag (an entity label) rather than a coloured highlight: entities, and areas given a label. */
export const isTagging = (a: Annotation): boolean => a.kind === 'entity' || (a.kind === 'area' && !!a.label);
