import { useLayoutEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { createPortal } from 'react-dom';
import type { PdfSourceMap } from '../../../shared/model/pdf';
import type { LayerSource } from '../reader/layers';
import { overlayItems, type Drawable, type OverlayItem } from './overlay-items';
import type { Box } from './page-geometry';
import type { PageViewLike } from './text-layer-dom';
import type { ViewerHandle } from './use-pdf-viewer';

interface Props {
  handle: ViewerHandle | null;
  /** bumps when pages or text layers are drawn */
  drawn: number;
  source: LayerSource;
  drawables: ReadonlyMap<string, Drawable>;
  map: PdfSourceMap | null;
  /** the rectangle being dragged in area mode */
  draft: { page: number; box: Box } | null;
}

const HOST = 'page-overlay';

/**
 * The annotations over each drawn page, in a layer of our own inside pdf.js's page box (which
 * pdf.js empties when it redraws a page, so the layer is put back after every draw). Boxes are
 * placed in percent of the page, so zooming moves nothing.
 */
export function PageOverlays({ handle, drawn, source, drawables, map, draft }: Props) {
  const hosts = useRef(new Map<number, HTMLDivElement>());
  const [items, setItems] = useState<Map<number, OverlayItem[]>>(new Map());

  useLayoutEffect(() => {
    if (!handle) return setItems(new Map());
    const pages = loadedPages(handle);
    for (const page of pages) {
      let host = hosts.current.get(page.id);
      if (!host) {
        host = document.createElement('div');
        host.className = HOST;
        hosts.current.set(page.id, host);
      }
      if (host.parentElement !== page.div) page.div.append(host);
    }
    setItems(overlayItems(pages, source, drawables, map));
  }, [handle, drawn, source, drawables, map]);

  const draftHost = draft ? hosts.current.get(draft.page) : undefined;
  const portals = useMemo(
    () =>
      [...items].map(([page, list]) => {
        const host = hosts.current.get(page);
        return host ? createPortal(list.map((item) => <OverlayBox key={item.key} item={item} />), host, `page-${page}`) : null;
      }),
    [items],
  );
  return (
    <>
      {portals}
      {draft && draftHost && createPortal(<div className="area-draft" style={boxStyle(draft.box)} />, draftHost, 'draft')}
    </>
  );
}

function loadedPages(handle: ViewerHandle): PageViewLike[] {
  const pages: PageViewLike[] = [];
  for (const div of handle.viewer.viewer?.querySelectorAll<HTMLElement>('.page[data-loaded]') ?? []) {
    const view = handle.viewer.getPageView(Number(div.dataset.pageNumber) - 1) as PageViewLike | undefined;
    if (view) pages.push(view);
  }
  return pages;
}

const boxStyle = (box: Box): CSSProperties => ({ left: box.left, top: box.top, width: box.right - box.left, height: box.bottom - box.top });

const percent = (item: OverlayItem): CSSProperties => ({
  left: `${item.place.left}%`,
  top: `${item.place.top}%`,
  width: `${item.place.width}%`,
  height: `${item.place.height}%`,
});

function OverlayBox({ item }: { item: OverlayItem }) {
  const layer = item.layer;
  switch (layer.kind) {
    case 'annotation':
      return <mark data-annotation-id={layer.id} className={`page-mark page-hl hl-${layer.color}`} style={percent(item)} />;
    case 'mention':
      return <mark data-annotation-id={layer.id} data-label={layer.label} className="page-mark page-mention" style={{ ...percent(item), '--label': layer.color } as CSSProperties} />;
    case 'area':
      return (
        <mark
          data-annotation-id={layer.id}
          data-area="true"
          {...(layer.label ? { 'data-label': layer.label } : {})}
          className={`page-mark page-area${layer.label ? '' : ` hl-${layer.color}`}`}
          style={{ ...percent(item), ...(layer.label ? { '--label': layer.color } : {}) } as CSSProperties}
        />
      );
    case 'find':
      return <mark className={layer.current ? 'page-mark page-find find-current' : 'page-mark page-find'} data-find-index={layer.index} style={percent(item)} />;
    default:
      return null;
  }
}
