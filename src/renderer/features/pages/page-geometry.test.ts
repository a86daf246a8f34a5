import { describe, expect, it } from 'vitest';
import { boxToPdfRect, dragBox, invertTransform, mergeLineBoxes, pdfRectToBox, placeRect, type Transform } from './page-geometry';

// pdf.js's viewport transform for a US Letter page (612 × 792 pt) at scale 1.5, no rotation: y flips.
const letter: Transform = [1.5, 0, 0, -1.5, 0, 1188];
// The same page turned 90°: x and y swap.
const turned: Transform = [0, 1.5, 1.5, 0, 0, 0];

describe('page geometry', () => {
  it('turns a box on the page into PDF points and back, at any rotation', () => {
    const box = { left: 150, top: 300, right: 450, bottom: 330 };
    const rect = boxToPdfRect(box, letter);
    expect(rect).toEqual([100, 572, 300, 592]);
    expect(pdfRectToBox(rect, letter)).toEqual(box);
    const across = boxToPdfRect(box, turned);
    expect(pdfRectToBox(across, turned)).toEqual(box);
  });

  it('inverts a transform', () => {
    const inverse = invertTransform(letter);
    expect(inverse.map((n) => Math.round(n * 1000) / 1000 || 0)).toEqual([0.667, 0, 0, -0.667, 0, 792]);
    expect(() => invertTransform([0, 0, 0, 0, 0, 0])).toThrow(/cannot be inverted/);
  });

  it('places a rectangle in percent of the page, the same at every zoom', () => {
    const at1 = placeRect([61.2, 712.8, 306, 792], [1, 0, 0, -1, 0, 792], 612, 792);
    const at2 = placeRect([61.2, 712.8, 306, 792], [2, 0, 0, -2, 0, 1584], 1224, 1584);
    for (const place of [at1, at2]) {
      expect(place.left).toBeCloseTo(10);
      expect(place.top).toBeCloseTo(0);
      expect(place.width).toBeCloseTo(40);
      expect(place.height).toBeCloseTo(10);
    }
  });

  it('joins the boxes of one line and keeps lines apart', () => {
    const boxes = [
      { left: 10, top: 10, right: 50, bottom: 22 },
      { left: 52, top: 11, right: 90, bottom: 22 },
      { left: 50, top: 10, right: 50, bottom: 22 }, // zero width, at a span's edge
      { left: 10, top: 30, right: 80, bottom: 42 },
      { left: 200, top: 10, right: 240, bottom: 22 }, // the other column
    ];
    expect(mergeLineBoxes(boxes)).toEqual([
      { left: 10, top: 10, right: 90, bottom: 22 },
      { left: 200, top: 10, right: 240, bottom: 22 },
      { left: 10, top: 30, right: 80, bottom: 42 },
    ]);
  });

  it('clamps a dragged box to the page, whichever way it was dragged', () => {
    expect(dragBox(300, 400, -20, 100, 600, 800)).toEqual({ left: 0, top: 100, right: 300, bottom: 400 });
    expect(dragBox(10, 10, 700, 900, 600, 800)).toEqual({ left: 10, top: 10, right: 600, bottom: 800 });
  });
});
