import { describe, expect, it } from 'vitest';
import { DEFAULT_SIZE, parseWindowState, placeWindow } from './window-state';

const laptop = { x: 0, y: 0, width: 1440, height: 870 };
const right = { x: 1440, y: 0, width: 1920, height: 1050 };

describe('window state', () => {
  it('reads what it wrote and refuses damage', () => {
    expect(parseWindowState('{"bounds":{"x":10.4,"y":20,"width":1000,"height":700},"maximized":true}')).toEqual({
      bounds: { x: 10, y: 20, width: 1000, height: 700 },
      maximized: true,
    });
    expect(parseWindowState(null)).toBeNull();
    expect(parseWindowState('')).toBeNull();
    expect(parseWindowState('{')).toBeNull();
    expect(parseWindowState('{"bounds":{"x":0,"y":0,"width":0,"height":700}}')).toBeNull();
    expect(parseWindowState('{"bounds":{"x":"0","y":0,"width":10,"height":10}}')).toBeNull();
  });

  it('opens at the default size, centred on the primary display, the first time', () => {
    expect(placeWindow(null, [laptop, right])).toEqual({
      bounds: { x: (1440 - DEFAULT_SIZE.width) / 2, y: 5, width: DEFAULT_SIZE.width, height: DEFAULT_SIZE.height },
      maximized: false,
      centre: true,
    });
  });

  it('comes back where it was, on either display', () => {
    const saved = { bounds: { x: 1600, y: 100, width: 1200, height: 800 }, maximized: false };
    expect(placeWindow(saved, [laptop, right])).toEqual({ ...saved, centre: false });
    expect(placeWindow({ ...saved, maximized: true }, [laptop, right]).maximized).toBe(true);
  });

  it('is moved and shrunk onto the display it is mostly on', () => {
    const hanging = { bounds: { x: 1000, y: 10, width: 1400, height: 2000 }, maximized: false };
    expect(placeWindow(hanging, [laptop]).bounds).toEqual({ x: 40, y: 0, width: 1400, height: 870 });
    // A title bar above every display cannot be grabbed: the window is centred instead.
    expect(placeWindow({ bounds: { x: 100, y: -300, width: 800, height: 600 }, maximized: false }, [laptop]).centre).toBe(true);
  });

  it('is centred on the primary display when its display is gone', () => {
    const onGoneMonitor = { bounds: { x: 3500, y: 200, width: 1200, height: 800 }, maximized: false };
    const placed = placeWindow(onGoneMonitor, [laptop]);
    expect(placed.centre).toBe(true);
    expect(placed.bounds).toEqual({ x: 120, y: 35, width: 1200, height: 800 });
  });

  it('never opens smaller than the minimum, unless the display is smaller', () => {
    expect(placeWindow({ bounds: { x: 0, y: 0, width: 100, height: 100 }, maximized: false }, [laptop]).bounds).toMatchObject({ width: 720, height: 480 });
    expect(placeWindow(null, [{ x: 0, y: 0, width: 640, height: 400 }]).bounds).toMatchObject({ width: 640, height: 400 });
  });
});
