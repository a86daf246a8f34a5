/**
 * The window's size, position and maximised state between starts. Pure, so it is tested
 * without an Electron binary; index.ts reads and writes the file and asks `screen`.
 */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

export const WINDOW_STATE_FILE = 'window-state.json';
export const DEFAULT_SIZE = { width: 1280, height: 860 };
export const MIN_SIZE = { width: 720, height: 480 };
/** At least this much of the title bar must be on a display, so the window can be grabbed. */
const VISIBLE = 96;

const isRect = (value: unknown): value is Rect =>
  !!value && typeof value === 'object' && (['x', 'y', 'width', 'height'] as const).every((k) => Number.isFinite((value as Record<string, unknown>)[k]));

/** The stored state, or null when it is missing or damaged (the window then opens at its default size, centred). */
export function parseWindowState(raw: string | null): WindowState | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<WindowState>;
    if (!isRect(value.bounds) || value.bounds.width <= 0 || value.bounds.height <= 0) return null;
    const { x, y, width, height } = value.bounds;
    return { bounds: { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height) }, maximized: value.maximized === true };
  } catch {
    return null;
  }
}

const overlap = (a: Rect, b: Rect) =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) * Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));

/**
 * Where the window opens: the saved bounds, shrunk to fit the display they are mostly on and
 * moved so that the title bar is on it; on a display that is gone, centred on the primary one.
 * `displays` are work areas (without task bars); the first is the primary.
 */
export function placeWindow(saved: WindowState | null, displays: readonly Rect[]): WindowState & { centre: boolean } {
  const primary = displays[0] ?? { x: 0, y: 0, ...DEFAULT_SIZE };
  const fit = (area: Rect, size: { width: number; height: number }) => ({
    width: Math.max(Math.min(MIN_SIZE.width, area.width), Math.min(size.width, area.width)),
    height: Math.max(Math.min(MIN_SIZE.height, area.height), Math.min(size.height, area.height)),
  });
  const centred = (area: Rect, size: { width: number; height: number }): Rect => {
    const { width, height } = fit(area, size);
    return { x: Math.round(area.x + (area.width - width) / 2), y: Math.round(area.y + (area.height - height) / 2), width, height };
  };
  if (!saved) return { bounds: centred(primary, DEFAULT_SIZE), maximized: false, centre: true };

  const titleBar: Rect = { ...saved.bounds, height: Math.min(saved.bounds.height, 32) };
  const area = displays.reduce<Rect | null>((best, d) => (overlap(d, saved.bounds) > (best ? overlap(best, saved.bounds) : 0) ? d : best), null);
  if (!area || overlap(area, titleBar) < Math.min(VISIBLE, titleBar.width) * Math.min(titleBar.height, 1)) {
    return { bounds: centred(primary, saved.bounds), maximized: saved.maximized, centre: true };
  }
  const { width, height } = fit(area, saved.bounds);
  const x = Math.min(Math.max(saved.bounds.x, area.x), area.x + area.width - width);
  const y = Math.min(Math.max(saved.bounds.y, area.y), area.y + area.height - height);
  return { bounds: { x, y, width, height }, maximized: saved.maximized, centre: false };
}
