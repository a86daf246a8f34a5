import { useEffect } from 'react';
import { loadPosition, savePosition, type ReadingPosition } from '../../shell/reading-position';
import { useAppStore } from '../../store';
import { ARTICLE_SELECTOR } from '../annotations/colors';

/** The reader's own headroom (px from the window's top): the block the eye is on is the first whose bottom is below it. */
export const HEADROOM = 80;

/**
 * Per open document: saves the block the eye is on now (below the headroom: what the pages
 * should open at), dropping a save still waiting for the scroll to end, which would write
 * the block half hidden above it over this one.
 */
const savers = new Map<string, () => void>();

/** Saves this document's reading position now, from the text view; false when the text view is not open. */
export function saveReadingPositionNow(docId: string): boolean {
  const saver = savers.get(docId);
  saver?.();
  return saver !== undefined;
}

/** The first block whose bottom is below the window's top (or `below` px under it), by binary search over the blocks in the DOM. */
export function firstVisibleBlock(below = 0): ReadingPosition | null {
  const article = document.querySelector(ARTICLE_SELECTOR);
  if (!article) return null;
  const blocks = article.querySelectorAll<HTMLElement>('[data-start]');
  let lo = 0;
  let hi = blocks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid]!.getBoundingClientRect().bottom <= below) lo = mid + 1;
    else hi = mid;
  }
  const block = blocks[lo];
  return block ? { offset: Number(block.dataset.start), top: block.getBoundingClientRect().top } : null;
}

/**
 * Remembers where the reader is in this document as it scrolls, and goes back there when the
 * document opens again (also after a restart) — unless the address asks for a place of its own.
 */
export function useReadingPosition(docId: string, ready: boolean, restore: boolean) {
  const focusBlock = useAppStore((s) => s.focusBlock);
  useEffect(() => {
    if (!ready) return;
    if (restore) {
      const saved = loadPosition(docId);
      if (saved) focusBlock(saved.offset, saved.top);
    }
    let frame = 0;
    let timer = 0;
    let latest: ReadingPosition | null | undefined;
    const save = () => {
      window.clearTimeout(timer);
      if (latest !== undefined) savePosition(docId, latest);
      latest = undefined;
    };
    const now = () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
      latest = undefined;
      if (document.querySelector(ARTICLE_SELECTOR)) savePosition(docId, window.scrollY < 1 ? null : firstVisibleBlock(HEADROOM));
    };
    savers.set(docId, now);
    const onScroll = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        // No article: the reader is going away (the page shrank under the scroll); that is no reading position.
        if (!document.querySelector(ARTICLE_SELECTOR)) return;
        latest = window.scrollY < 1 ? null : firstVisibleBlock();
        window.clearTimeout(timer);
        timer = window.setTimeout(save, 200);
      });
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('pagehide', save);
    return () => {
      if (savers.get(docId) === now) savers.delete(docId);
      cancelAnimationFrame(frame);
      save();
      window.removeEventListener('scroll', onScroll);
      window.removeEventListener('pagehide', save);
    };
    // restore is read once, when the document is ready: a later ?q= does its own scrolling
  }, [docId, ready, focusBlock]);
}
