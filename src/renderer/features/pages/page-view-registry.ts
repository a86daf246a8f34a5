import type { PageGeometry } from '../../../shared/model/pdf';

/** A selection on the pages as the annotation model stores it: text offsets plus where it stands on the page. */
export interface PageSelection {
  start: number;
  end: number;
  geometry: PageGeometry[];
  /** a rectangle drawn in area mode and not yet made into an annotation (start = end: the core finds the text inside) */
  area?: boolean;
}

/**
 * What the open page view offers the reader's commands (h, n, 1..9, zoom, area): commands are
 * data in one list (src/renderer/commands), so they reach the one mounted page view through here.
 */
export interface PageViewControls {
  selection(): PageSelection | null;
  /** drops the drawn rectangle once a command has made it an annotation */
  clearArea(): void;
  zoom(step: 1 | -1): void;
  toggleArea(): void;
  /** 1-based */
  currentPage(): number;
}

let active: PageViewControls | null = null;

export function setActivePageView(controls: PageViewControls | null): () => void {
  active = controls;
  return () => {
    if (active === controls) active = null;
  };
}

export const activePageView = (): PageViewControls | null => active;
