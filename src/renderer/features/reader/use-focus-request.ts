import { useEffect } from 'react';
import { useAppStore } from '../../store';
import { lastStartingAtOrBefore } from '../annotations/text-range';

const FRAMES = 60;

/**
 * Goes to the reader's focus request: brings the group into range first (virtualised
 * readers), then scrolls the annotation, the current find hit or the block into view,
 * and flashes an annotation.
 */
export function useFocusRequest(starts: readonly number[], bringIntoRange: ((index: number, align: 'start' | 'center') => void) | null) {
  const request = useAppStore((s) => s.focusRequest);
  useEffect(() => {
    if (!request) return;
    const index = Math.max(0, lastStartingAtOrBefore(starts, request.offset));
    const top = request.top;
    bringIntoRange?.(index, top === undefined ? 'center' : 'start');
    let frame = 0;
    let handle = 0;
    let settled = 0;
    let lastTop: number | null = null;
    let flashed = false;
    const look = () => {
      if (top !== undefined) {
        // A virtualised reader measures groups as they render, moving the block: correct until it holds still.
        const block = blockAt(request.offset);
        const delta = block ? block.getBoundingClientRect().top - top : 0;
        if (block && Math.abs(delta) > 1) {
          window.scrollBy({ top: delta, behavior: 'instant' });
          settled = 0;
        } else if (block && ++settled >= 3) return;
        if (++frame < FRAMES) handle = requestAnimationFrame(look);
        return;
      }
      const target = findTarget(request.offset, request.annotationId);
      if (target) {
        // Groups above it are measured as they render and push it away: centre it again until it holds still.
        if (lastTop === null || Math.abs(target.getBoundingClientRect().top - lastTop) > 1) {
          target.scrollIntoView({ block: 'center', behavior: 'instant' });
          settled = 0;
        }
        lastTop = target.getBoundingClientRect().top;
        if (!flashed && request.annotationId) flash(request.annotationId);
        flashed = true;
        if (++settled >= 3) return;
      }
      if (++frame < FRAMES) handle = requestAnimationFrame(look);
    };
    handle = requestAnimationFrame(look);
    return () => cancelAnimationFrame(handle);
    // starts and bringIntoRange change with the document; only a new request moves the reader
  }, [request]);
}

function findTarget(offset: number, annotationId: string | undefined): HTMLElement | null {
  const article = document.querySelector('article.document-body');
  if (!article) return null;
  if (annotationId) return article.querySelector<HTMLElement>(`mark[data-annotation-id="${CSS.escape(annotationId)}"]`);
  const current = article.querySelector<HTMLElement>('mark.find-current');
  return current ?? blockAt(offset);
}

/** The block starting at this offset, else the first that holds it. */
function blockAt(offset: number): HTMLElement | null {
  const article = document.querySelector('article.document-body');
  if (!article) return null;
  const exact = article.querySelector<HTMLElement>(`[data-start="${offset}"]`);
  if (exact) return exact;
  for (const block of article.querySelectorAll<HTMLElement>('[data-start][data-end]')) {
    if (Number(block.dataset.start) <= offset && offset < Number(block.dataset.end)) return block;
  }
  return null;
}

/** A short outline pulse on every piece of the annotation; CSS stops it for reduced motion. */
function flash(annotationId: string) {
  const marks = document.querySelectorAll<HTMLElement>(`mark[data-annotation-id="${CSS.escape(annotationId)}"]`);
  for (const mark of marks) {
    mark.classList.remove('flash');
    void mark.offsetWidth;
    mark.classList.add('flash');
    mark.addEventListener('animationend', () => mark.classList.remove('flash'), { once: true });
  }
}
