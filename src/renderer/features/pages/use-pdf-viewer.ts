import { useEffect, useRef, useState, type RefObject } from 'react';
import { loadPdfEngine, openPdf, type PdfDocument, type PdfViewerLib } from './pdf-engine';
import { tagTextLayer, type PageViewLike } from './text-layer-dom';

export type PdfViewer = InstanceType<PdfViewerLib['PDFViewer']>;
export type PdfEventBus = InstanceType<PdfViewerLib['EventBus']>;

/** What the page view shows about the open PDF; changes as the user scrolls and zooms. */
export interface ViewerStatus {
  status: 'loading' | 'ready' | 'failed';
  error: string | null;
  pageCount: number;
  /** 1-based */
  page: number;
  /** the PDF's own label of that page ("iv"), when it has labels */
  label: string | null;
  labels: string[] | null;
  scale: number;
  /** pdf.js has laid out the pages (a jump to a page works from now on) */
  pagesReady: boolean;
  /** bumps when a page's text layer is drawn (overlays are placed over it) */
  layers: number;
}

export interface ViewerHandle {
  viewer: PdfViewer;
  eventBus: PdfEventBus;
  document: PdfDocument;
}

/**
 * Pages drawn farther than this from those in view give back their canvas and layers, as pdf.js
 * does itself beyond the last ten pages it drew: at page width each kept page holds a canvas of
 * ~3 MB and its compositing, so ten of them took the renderer past its 400 MB (bench/RESULTS.md,
 * page view). Two on either side are kept so that paging back and forth does not redraw.
 */
const KEEP_AROUND = 2;

function trimDrawnPages(viewer: PdfViewer, initialState: number): void {
  const { first, last } = (viewer as unknown as { _getVisiblePages(): { first?: { id: number }; last?: { id: number } } })._getVisiblePages();
  if (!first || !last) return;
  for (let i = 0; i < viewer.pagesCount; i++) {
    const view = viewer.getPageView(i) as { id: number; renderingState: number; destroy(): void } | undefined;
    if (!view || view.renderingState === initialState || (view.id >= first.id - KEEP_AROUND && view.id <= last.id + KEEP_AROUND)) continue;
    view.destroy();
  }
}

const initial: ViewerStatus = { status: 'loading', error: null, pageCount: 0, page: 1, label: null, labels: null, scale: 1, pagesReady: false, layers: 0 };

/**
 * pdf.js's own viewer (PDFViewer with its EventBus and PDFLinkService) in `container`, for one
 * document: it renders only the pages near the viewport, so a 350-page book stays light.
 * Links open in a new window, which the desktop shell turns into "open in your browser?".
 */
export function usePdfViewer(docId: string, container: RefObject<HTMLDivElement | null>, beforeTagging?: RefObject<((pageView: PageViewLike) => void) | null>) {
  const [state, setState] = useState<ViewerStatus>(initial);
  const handle = useRef<ViewerHandle | null>(null);

  useEffect(() => {
    const box = container.current;
    if (!box) return;
    let cancelled = false;
    let loadingTask: Awaited<ReturnType<typeof openPdf>> | null = null;
    let viewer: PdfViewer | null = null;
    setState(initial);
    // A fitted zoom follows the frame (the outline opening, the window resizing), as pdf.js's own app does.
    const resize = new ResizeObserver(() => {
      const value = viewer?.pagesCount ? viewer.currentScaleValue : null;
      if (value === 'page-width' || value === 'page-fit' || value === 'auto') viewer!.currentScaleValue = value;
    });
    resize.observe(box);

    void (async () => {
      try {
        const engine = await loadPdfEngine();
        const { lib, viewer: web } = engine;
        if (cancelled) return;
        const eventBus = new web.EventBus();
        const linkService = new web.PDFLinkService({ eventBus, externalLinkTarget: web.LinkTarget.BLANK, externalLinkRel: 'noopener noreferrer nofollow' });
        viewer = new web.PDFViewer({
          container: box,
          viewer: box.firstElementChild as HTMLDivElement,
          eventBus,
          linkService,
          textLayerMode: 1,
          annotationMode: lib.AnnotationMode.ENABLE,
          annotationEditorMode: lib.AnnotationEditorType.DISABLE,
          enableAutoLinking: false,
        });
        linkService.setViewer(viewer);

        eventBus.on('pagesinit', () => {
          viewer!.currentScaleValue = 'page-width';
          setState((s) => ({ ...s, pagesReady: true }));
        });
        eventBus.on('pagechanging', ({ pageNumber, pageLabel }: { pageNumber: number; pageLabel: string | null }) =>
          setState((s) => ({ ...s, page: pageNumber, label: pageLabel ?? null })),
        );
        eventBus.on('scalechanging', ({ scale }: { scale: number }) => setState((s) => ({ ...s, scale })));
        eventBus.on('pagerendered', () => trimDrawnPages(viewer!, web.RenderingStates.INITIAL));
        eventBus.on('textlayerrendered', ({ pageNumber }: { pageNumber: number }) => {
          const pageView = viewer?.getPageView(pageNumber - 1);
          if (!pageView) return;
          // A scanned page's words come from OCR, not from the PDF: they are drawn into its layer first.
          beforeTagging?.current?.(pageView);
          void tagTextLayer(pageView).then((tagged) => {
            if (tagged && !cancelled) setState((s) => ({ ...s, layers: s.layers + 1 }));
          });
        });

        const task = await openPdf(engine, docId);
        if (cancelled) {
          void task.destroy();
          return;
        }
        loadingTask = task;
        const pdf = await loadingTask.promise;
        if (cancelled) return;
        viewer.setDocument(pdf);
        linkService.setDocument(pdf);
        handle.current = { viewer, eventBus, document: pdf };
        setState((s) => ({ ...s, status: 'ready', pageCount: pdf.numPages }));
        const labels = await pdf.getPageLabels().catch(() => null);
        if (!cancelled && labels) setState((s) => ({ ...s, labels, label: labels[s.page - 1] ?? null }));
      } catch (error) {
        if (!cancelled) setState((s) => ({ ...s, status: 'failed', error: (error as Error).message }));
      }
    })();

    return () => {
      cancelled = true;
      resize.disconnect();
      handle.current = null;
      viewer?.cleanup();
      viewer?.setDocument(null as never);
      void loadingTask?.destroy();
    };
  }, [docId, container]);

  return { state, handle };
}
