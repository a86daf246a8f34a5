import 'pdfjs-dist/web/pdf_viewer.css';
import { useCallback, useEffect, useMemo, useRef, useState, type ClipboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Annotation, Block } from '../../../shared/model';
import type { PageGeometry } from '../../../shared/model/pdf';
import { loadPosition, savePosition } from '../../shell/reading-position';
import { useAppStore } from '../../store';
import type { LayerSource } from '../reader/layers';
import { AreaToolbar } from './AreaToolbar';
import { OutlineList } from './OutlineList';
import type { Drawable } from './overlay-items';
import { itemsTextRange, offsetOfPage, pageOfBlockOffset } from './page-offsets';
import { readPageSelection, selectedScanText } from './page-selection';
import { setActivePageView } from './page-view-registry';
import { PageOverlays } from './PageOverlays';
import { PageToolbar } from './PageToolbar';
import { drawOcrTextLayer } from './ocr-text-layer';
import { itemsInBox, type PageViewLike } from './text-layer-dom';
import type { Box } from './page-geometry';
import type { PendingArea } from './AreaToolbar';
import { useAreaDrag } from './use-area-drag';
import { usePageFocus } from './use-page-focus';
import { usePdfViewer } from './use-pdf-viewer';
import { RelationArcs } from '../relations/RelationArcs';
import type { ShownRelation } from '../relations/relation-text';

interface Props {
  docId: string;
  /** null until the document's text has come (the pages do not wait for it) */
  blocks: Block[] | null;
  items: readonly Annotation[] | null;
  source: LayerSource;
  onMarkClick(annotationId: string): void;
  /** relations drawn as arcs between their mentions' boxes on the pages */
  relations?: readonly ShownRelation[];
}

const ZOOM_STEP = 1.1;
const noBlocks: Block[] = [];
const noRelations: readonly ShownRelation[] = [];

/**
 * A PDF as its pages: pdf.js's own viewer (virtualised, selectable text layer, links) wrapped in
 * one component, with the archive's annotations drawn over it. The stored text stays the model:
 * a selection here becomes text offsets through the source map, and what the text view made
 * shows here through the same map (DESIGN.md "PDFs as pages").
 */
export default function PageView({ docId, blocks, items, source, onMarkClick, relations = noRelations }: Props) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const map = useAppStore((s) => (s.pdfMap?.docId === docId ? s.pdfMap.map : null));
  const text = useAppStore((s) => (s.reader?.id === docId ? (s.reader.content?.text ?? null) : null));
  const ocrLayer = useRef<((pageView: PageViewLike) => void) | null>(null);
  ocrLayer.current = (pageView) => drawOcrTextLayer(pageView, map?.pages[pageView.id - 1], text);
  const { state, handle: handleRef } = usePdfViewer(docId, scroller, ocrLayer);
  const handle = state.status === 'ready' ? handleRef.current : null;
  // Text layers drawn before the map or the text came: their OCR words are drawn now.
  useEffect(() => {
    if (!handle || !map || !text) return;
    for (let i = 0; i < handle.viewer.pagesCount; i++) {
      const pageView = handle.viewer.getPageView(i) as PageViewLike | undefined;
      if (pageView?.textLayer) drawOcrTextLayer(pageView, map.pages[i], text);
    }
  }, [handle, map, text, state.layers]);
  const loadPdfMap = useAppStore((s) => s.loadPdfMap);
  const [outline, setOutline] = useState(false);
  const [area, setArea] = useState(false);
  const [pending, setPending] = useState<PendingArea | null>(null);

  const setOpenPdf = useAppStore((s) => s.setOpenPdf);
  const version = useAppStore((s) => (s.reader?.id === docId ? s.reader.content?.meta.version : undefined));
  // Asked for as soon as pdf.js has the PDF (a selection made on the page needs it), not before:
  // the server would build this answer while the PDF's own bytes wait. Not asked again when the
  // text then says its version (pages-slice.ts).
  const pdfIn = state.status !== 'loading';
  useEffect(() => {
    if (pdfIn) void loadPdfMap(docId, version);
  }, [docId, version, pdfIn, loadPdfMap]);
  useEffect(() => {
    if (!handle) return;
    setOpenPdf({ docId, pdf: handle.document });
    return () => setOpenPdf(null);
  }, [docId, handle, setOpenPdf]);
  usePageFocus(handle, blocks ?? noBlocks, map, items);

  // Back to where the reader was (a page of the text's blocks), once both the pages and the text are there.
  const [placed, setPlaced] = useState(false);
  useEffect(() => {
    if (placed || !handle || !state.pagesReady || !blocks) return;
    const page = pageOfBlockOffset(blocks, loadPosition(docId)?.offset ?? 0);
    if (page > 1) handle.viewer.currentPageNumber = Math.min(page, handle.viewer.pagesCount);
    setPlaced(true);
  }, [placed, handle, state.pagesReady, blocks, docId]);

  const zoom = useCallback(
    (step: 1 | -1) => {
      if (!handle) return;
      const next = handle.viewer.currentScale * (step > 0 ? ZOOM_STEP : 1 / ZOOM_STEP);
      handle.viewer.currentScale = Math.min(8, Math.max(0.25, Math.round(next * 100) / 100));
    },
    [handle],
  );

  const pageView = useCallback((page: number) => handle?.viewer.getPageView(page - 1) as PageViewLike | undefined, [handle]);
  useEffect(
    () =>
      setActivePageView({
        selection: () => {
          if (pending) return { ...(pending.text ?? { start: 0, end: 0 }), geometry: [pending.geometry], area: true };
          return handle && map && scroller.current ? readPageSelection(scroller.current, map, pageView) : null;
        },
        clearArea: () => setPending(null),
        zoom,
        toggleArea: () => setArea((on) => !on),
        currentPage: () => handle?.viewer.currentPageNumber ?? 1,
      }),
    [handle, map, zoom, pageView, pending],
  );

  // The reading position is the first block of the page in view, so the text view opens there too.
  useEffect(() => {
    if (!placed || !blocks) return;
    const offset = offsetOfPage(blocks, state.page);
    savePosition(docId, offset === null || state.page <= 1 ? null : { offset, top: 80 });
  }, [docId, blocks, placed, state.page]);

  const onDrawn = useCallback(
    (geometry: PageGeometry, at: { x: number; y: number }, box: Box, pageDiv: HTMLElement) =>
      setPending({ geometry, ...at, text: map ? itemsTextRange(map, geometry.page, itemsInBox(pageDiv, box)) : null }),
    [map],
  );
  const draft = useAreaDrag(area, scroller, handle, onDrawn);

  const drawables = useMemo(
    () =>
      new Map<string, Drawable>(
        (items ?? [])
          .filter((a) => !a.orphan)
          .map((a) => [a.id, { id: a.id, kind: a.kind as Drawable['kind'], start: a.target.start, end: a.target.end, geometry: a.geometry as Drawable['geometry'] }]),
      ),
    [items],
  );

  // Boxes let the text layer under them take the mouse; a click (not a selection) on one opens it.
  const onClick = (event: MouseEvent) => {
    if (area || !document.getSelection()?.isCollapsed) return;
    const page = (event.target as Element).closest('.page');
    if (!page) return;
    const hit = [...page.querySelectorAll<HTMLElement>('mark[data-annotation-id]')].reverse().find((mark) => {
      const r = mark.getBoundingClientRect();
      return event.clientX >= r.left && event.clientX <= r.right && event.clientY >= r.top && event.clientY <= r.bottom;
    });
    if (hit?.dataset.annotationId) onMarkClick(hit.dataset.annotationId);
  };

  // A copy from a scan gives its stored text, with the spaces OCR's word boxes do not have in the
  // layer. Taken in the capture phase: pdf.js's text layer copies the selection's DOM text itself
  // and stops the event.
  const onCopy = (event: ClipboardEvent) => {
    if (!map || text === null || !scroller.current) return;
    const copied = selectedScanText(scroller.current, map, text);
    if (copied === null) return;
    event.clipboardData.setData('text/plain', copied);
    event.preventDefault();
    event.stopPropagation();
  };

  return (
    <section className={`page-view${area ? ' area-mode' : ''}`} aria-label={t('pages.view')}>
      <PageToolbar handle={handle} state={state} outline={outline} onOutline={() => setOutline((o) => !o)} area={area} onArea={() => setArea((a) => !a)} onZoom={zoom} />
      {state.status === 'failed' && (
        <p role="alert" className="alert alert-error">
          {t('pages.failed', { error: state.error })}
        </p>
      )}
      <div className="page-view-body">
        {outline && handle && <OutlineList handle={handle} />}
        <div className="page-frame">
          <div ref={scroller} className="page-scroller" onClick={onClick} onCopyCapture={onCopy} tabIndex={0} aria-label={t('pages.scroller')}>
            <div className="pdfViewer" />
            <RelationArcs relations={relations} containerRef={scroller} />
          </div>
        </div>
      </div>
      <PageOverlays handle={handle} drawn={state.layers + state.scale} source={source} drawables={drawables} map={map} draft={draft} />
      {pending && <AreaToolbar docId={docId} pending={pending} onDone={() => setPending(null)} />}
    </section>
  );
}
