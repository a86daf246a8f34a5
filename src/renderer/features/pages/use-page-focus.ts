import { useEffect } from 'react';
import { pageOfOffset, type PdfSourceMap } from '../../../shared/model/pdf';
import type { Annotation, Block } from '../../../shared/model';
import { useAppStore } from '../../store';
import { pageOfBlockOffset } from './page-offsets';
import type { ViewerHandle } from './use-pdf-viewer';

/**
 * The reader's focus requests (a sidebar click, a find hit, ]/[) in the page view: to the
 * annotation's cached place on its page, else to the page the offset stands on; then the
 * annotation's boxes flash once they are drawn.
 */
export function usePageFocus(handle: ViewerHandle | null, blocks: readonly Block[], map: PdfSourceMap | null, items: readonly Annotation[] | null) {
  const request = useAppStore((s) => s.focusRequest);
  useEffect(() => {
    if (!handle || !request || request.top !== undefined) return;
    const annotation = request.annotationId ? items?.find((a) => a.id === request.annotationId) : undefined;
    const place = annotation?.geometry?.[0];
    const rect = place?.rects[0];
    const page = place?.page ?? (map ? pageOfOffset(map, request.offset) : undefined) ?? pageOfBlockOffset(blocks, request.offset);
    if (rect) handle.viewer.scrollPageIntoView({ pageNumber: page, destArray: [null, { name: 'XYZ' }, Math.max(0, rect[0] - 36), rect[3] + 72, null] });
    else handle.viewer.scrollPageIntoView({ pageNumber: page });
    if (!request.annotationId) return;
    const id = request.annotationId;
    let frame = 0;
    let tries = 0;
    const look = () => {
      const marks = handle.viewer.container.querySelectorAll<HTMLElement>(`mark[data-annotation-id="${CSS.escape(id)}"]`);
      if (marks.length === 0 && ++tries < 60) {
        frame = requestAnimationFrame(look);
        return;
      }
      if (!rect) marks[0]?.scrollIntoView({ block: 'center', behavior: 'instant' });
      for (const mark of marks) {
        mark.classList.remove('flash');
        void mark.offsetWidth;
        mark.classList.add('flash');
        mark.addEventListener('animationend', () => mark.classList.remove('flash'), { once: true });
      }
    };
    frame = requestAnimationFrame(look);
    return () => cancelAnimationFrame(frame);
    // only a new request moves the view
  }, [request, handle]);
}
