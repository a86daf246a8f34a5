/** Where an arc between two mentions goes, from their boxes (relative to the overlay). */
export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface Arc {
  path: string;
  /** where the type's name stands: the arc's top */
  labelX: number;
  labelY: number;
}

/**
 * A quadratic curve from the top middle of one box to the top middle of the other, rising
 * above both: higher for mentions further apart, so nested arcs do not sit on each other.
 */
export function arcBetween(from: Box, to: Box): Arc {
  const x1 = from.left + from.width / 2;
  const y1 = from.top;
  const x2 = to.left + to.width / 2;
  const y2 = to.top;
  // Kept within the gap the reader opens between lines while relations show (see entities.css).
  const rise = Math.min(MAX_RISE, 10 + Math.abs(x2 - x1) / 40 + Math.abs(y2 - y1) / 8);
  const cx = (x1 + x2) / 2;
  const cy = Math.min(y1, y2) - rise;
  // The curve's top is halfway between the control point and the ends' midpoint.
  const labelY = (cy + (y1 + y2) / 2) / 2;
  return { path: `M ${r(x1)} ${r(y1)} Q ${r(cx)} ${r(cy)} ${r(x2)} ${r(y2)}`, labelX: r(cx), labelY: r(labelY) };
}

/** px: about the extra line spacing of `.with-relations` */
export const MAX_RISE = 22;

const r = (n: number) => Math.round(n * 10) / 10;
