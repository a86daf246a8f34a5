import { pageOfOffset, type PdfSourceMap } from '../../../shared/model/pdf';
import type { Annotation, Block } from '../../../shared/model';
import { pageOfBlockOffset } from './page-offsets';

/**
 * The page an annotation on a PDF stands on, as the PDF names it: its page label where it has
 * labels ("iv"), else the 1-based number. From the cached geometry, else the source map, else
 * the pages of the blocks; null for a document without pages.
 */
export function annotationPage(annotation: Pick<Annotation, 'target' | 'geometry'>, blocks: readonly Block[], map: PdfSourceMap | null): string | null {
  const page =
    annotation.geometry?.[0]?.page ??
    (map ? pageOfOffset(map, annotation.target.start) : undefined) ??
    (blocks.some((b) => b.page !== undefined) ? pageOfBlockOffset(blocks, annotation.target.start) : undefined);
  if (page === undefined) return null;
  return map?.pages.find((p) => p.page === page)?.label ?? String(page);
}
