import type { PdfRect } from '../../../shared/model/pdf';

/**
 * Between the page view's CSS pixels and PDF points. A pdf.js viewport's `transform` maps PDF
 * user space (origin bottom-left, in points) to the page's CSS pixels at its scale and rotation;
 * geometry is stored in points, so it holds at every zoom.
 */
export type Transform = readonly [number, number, number, number, number, number];

/** A box in CSS pixels relative to the page's top-left corner. */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Where a box sits on its page, in percent of the page's width and height (zoom-independent CSS). */
export interface Placement {
  left: number;
  top: number;
  width: number;
  height: number;
}

export const applyTransform = (m: Transform, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

export function invertTransform(m: Transform): Transform {
  const det = m[0] * m[3] - m[1] * m[2];
  if (det === 0) throw new Error('page transform cannot be inverted');
  return [m[3] / det, -m[1] / det, -m[2] / det, m[0] / det, (m[2] * m[5] - m[3] * m[4]) / det, (m[1] * m[4] - m[0] * m[5]) / det];
}

const round = (n: number) => Math.round(n * 100) / 100;

/** A box on the page in CSS pixels as a rectangle in PDF points (x0 ≤ x1, y0 ≤ y1), rounded to 1/100 pt. */
export function boxToPdfRect(box: Box, transform: Transform): PdfRect {
  const inverse = invertTransform(transform);
  const [ax, ay] = applyTransform(inverse, box.left, box.top);
  const [bx, by] = applyTransform(inverse, box.right, box.bottom);
  return [round(Math.min(ax, bx)), round(Math.min(ay, by)), round(Math.max(ax, bx)), round(Math.max(ay, by))];
}

/** A rectangle in PDF points as a box in CSS pixels of a page drawn with this transform. */
export function pdfRectToBox(rect: PdfRect, transform: Transform): Box {
  const [ax, ay] = applyTransform(transform, rect[0], rect[1]);
  const [bx, by] = applyTransform(transform, rect[2], rect[3]);
  return { left: Math.min(ax, bx), top: Math.min(ay, by), right: Math.max(ax, bx), bottom: Math.max(ay, by) };
}

/** A rectangle in PDF points placed in percent of a page `width` × `height` CSS pixels at this transform. */
export function placeRect(rect: PdfRect, transform: Transform, width: number, height: number): Placement {
  const box = pdfRectToBox(rect, transform);
  return {
    left: (box.left / width) * 100,
    top: (box.top / height) * 100,
    width: ((box.right - box.left) / width) * 100,
    height: ((box.bottom - box.top) / height) * 100,
  };
}

/**
 * The client rects of a text range, one per line: a range over many text spans gives a rect
 * per span (and zero-width ones at their edges); boxes that share a line and are no more than
 * a word space apart (`gap` × their height) are joined, so the columns of a page stay apart.
 */
export function mergeLineBoxes(boxes: readonly Box[], gap = 0.6): Box[] {
  const sorted = boxes.filter((b) => b.right - b.left > 0.5 && b.bottom - b.top > 0.5).sort((a, b) => a.top - b.top || a.left - b.left);
  const lines: Box[] = [];
  for (const box of sorted) {
    const room = gap * (box.bottom - box.top);
    const line = lines.find((l) => sameLine(l, box) && box.left <= l.right + room && box.right >= l.left - room);
    if (line) {
      line.left = Math.min(line.left, box.left);
      line.right = Math.max(line.right, box.right);
      line.top = Math.min(line.top, box.top);
      line.bottom = Math.max(line.bottom, box.bottom);
    } else {
      lines.push({ ...box });
    }
  }
  return lines;
}

/** Two boxes are on one line when they overlap vertically by more than half the shorter one. */
function sameLine(a: Box, b: Box): boolean {
  const overlap = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  return overlap > 0.5 * Math.min(a.bottom - a.top, b.bottom - b.top);
}

/** The box dragged from one corner to the other, clamped to the page. */
export function dragBox(x0: number, y0: number, x1: number, y1: number, width: number, height: number): Box {
  const clamp = (v: number, max: number) => Math.max(0, Math.min(max, v));
  return { left: clamp(Math.min(x0, x1), width), top: clamp(Math.min(y0, y1), height), right: clamp(Math.max(x0, x1), width), bottom: clamp(Math.max(y0, y1), height) };
}
