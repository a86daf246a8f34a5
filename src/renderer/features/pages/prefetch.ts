/**
 * Loads the page view's code and starts pdf.js (its module and worker) while the browser is
 * idle, once a library that holds PDFs or scans is on screen: opening one then paints its first
 * page without first fetching and compiling ~2 MB of pdf.js (bench/RESULTS.md, page view). A
 * library without paged documents never loads it.
 */
import { loadPdfEngine } from './pdf-engine';

let started = false;

export function prefetchPageView(): void {
  if (started) return;
  started = true;
  const load = () => {
    void import('./PageView');
    // pdf-engine.ts itself is small and in the main chunk (the reader imports it); what it loads is not.
    loadPdfEngine().catch(() => undefined);
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(load, { timeout: 2000 });
  else setTimeout(load, 200);
}
