import { useEffect, useState, type RefObject } from 'react';
import type { PageGeometry } from '../../../shared/model/pdf';
import { boxToPdfRect, dragBox, type Box, type Transform } from './page-geometry';
import { toViewport } from './page-selection';
import type { PageViewLike } from './text-layer-dom';
import type { ViewerHandle } from './use-pdf-viewer';

/** Smaller than this (CSS px) is a click, not a rectangle. */
const MIN_SIZE = 6;

/**
 * Area mode: a drag on a page draws a rectangle (a figure, a seal, a signature, a table);
 * on release `onDrawn` gets it in PDF points (and in CSS px on the page, to find the text inside).
 */
export function useAreaDrag(
  enabled: boolean,
  scroller: RefObject<HTMLDivElement | null>,
  handle: ViewerHandle | null,
  onDrawn: (geometry: PageGeometry, at: { x: number; y: number }, box: Box, pageDiv: HTMLElement) => void,
) {
  const [draft, setDraft] = useState<{ page: number; box: Box } | null>(null);

  useEffect(() => {
    const box = scroller.current;
    if (!enabled || !box || !handle) return;
    let drag: { page: number; view: PageViewLike; x0: number; y0: number; origin: DOMRect; pointer: number } | null = null;
    const local = (event: PointerEvent) => {
      const { origin, view } = drag!;
      return dragBox(drag!.x0, drag!.y0, event.clientX - origin.left - view.div.clientLeft, event.clientY - origin.top - view.div.clientTop, view.div.clientWidth, view.div.clientHeight);
    };
    const down = (event: PointerEvent) => {
      if (event.button !== 0) return;
      const pageDiv = (event.target as Element).closest<HTMLElement>('.page[data-page-number]');
      if (!pageDiv) return;
      const page = Number(pageDiv.dataset.pageNumber);
      const view = handle.viewer.getPageView(page - 1) as PageViewLike | undefined;
      if (!view) return;
      event.preventDefault();
      const origin = pageDiv.getBoundingClientRect();
      drag = { page, view, origin, pointer: event.pointerId, x0: event.clientX - origin.left - pageDiv.clientLeft, y0: event.clientY - origin.top - pageDiv.clientTop };
      box.setPointerCapture(event.pointerId);
      setDraft({ page, box: { left: drag.x0, top: drag.y0, right: drag.x0, bottom: drag.y0 } });
    };
    const move = (event: PointerEvent) => {
      if (drag && event.pointerId === drag.pointer) setDraft({ page: drag.page, box: local(event) });
    };
    const up = (event: PointerEvent) => {
      if (!drag || event.pointerId !== drag.pointer) return;
      const drawn = local(event);
      const { page, view } = drag;
      drag = null;
      setDraft(null);
      if (drawn.right - drawn.left < MIN_SIZE || drawn.bottom - drawn.top < MIN_SIZE) return;
      const rect = boxToPdfRect(toViewport(drawn, view), view.viewport.transform as unknown as Transform);
      onDrawn({ page, rects: [rect] }, { x: event.clientX, y: event.clientY }, drawn, view.div);
    };
    box.addEventListener('pointerdown', down);
    box.addEventListener('pointermove', move);
    box.addEventListener('pointerup', up);
    return () => {
      box.removeEventListener('pointerdown', down);
      box.removeEventListener('pointermove', move);
      box.removeEventListener('pointerup', up);
      setDraft(null);
    };
  }, [enabled, scroller, handle, onDrawn]);

  return draft;
}
