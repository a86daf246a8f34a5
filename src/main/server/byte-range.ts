/**
 * HTTP byte ranges (RFC 9110 §14) for the page view's PDF: pdf.js asks for the parts it needs
 * (the end of the file, then the first page's objects) instead of the whole file. One pure
 * function, used by the browser-mode server and the desktop's app:// protocol alike.
 */
export type RangeAnswer =
  /** no Range, or one to ignore (another unit, bad syntax, several disjoint parts): the whole file, 200 */
  | { kind: 'full' }
  /** bytes start..end inclusive, 206 */
  | { kind: 'partial'; start: number; end: number }
  /** no part of the file is in the ranges asked for: 416 */
  | { kind: 'unsatisfiable' };

/** More parts than this is no reader's request but an attempt to make the server work (RFC 9110 §14.2): ignored. */
const MAX_PARTS = 16;
const SPEC = /^(\d*)-(\d*)$/;

/**
 * What to send for a `Range` header over a file of `size` bytes. Overlapping and adjacent parts
 * are merged; what still makes several parts is answered with the whole file (a server may ignore
 * Range, and no caller of ours asks for more than one part), never with a multipart body.
 */
export function byteRange(header: string | undefined, size: number): RangeAnswer {
  if (header === undefined) return { kind: 'full' };
  const eq = header.indexOf('=');
  if (eq < 0 || header.slice(0, eq).trim().toLowerCase() !== 'bytes') return { kind: 'full' };
  const specs = header.slice(eq + 1).split(',').map((s) => s.trim());
  if (specs.length > MAX_PARTS) return { kind: 'full' };
  const parts: [number, number][] = [];
  for (const spec of specs) {
    if (spec === '') continue; // "1#range-spec" allows empty list elements
    const m = SPEC.exec(spec);
    if (!m) return { kind: 'full' };
    const first = number(m[1]!);
    const last = number(m[2]!);
    if (first === null && last === null) return { kind: 'full' };
    if (first === null) {
      // suffix-range: the last `last` bytes
      if (last! > 0 && size > 0) parts.push([Math.max(0, size - last!), size - 1]);
      continue;
    }
    if (last !== null && last < first) return { kind: 'full' };
    if (first < size) parts.push([first, Math.min(last ?? size - 1, size - 1)]);
  }
  if (parts.length === 0) return specs.some((s) => s !== '') ? { kind: 'unsatisfiable' } : { kind: 'full' };
  parts.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [parts[0]!];
  for (const [start, end] of parts.slice(1)) {
    const top = merged[merged.length - 1]!;
    if (start <= top[1] + 1) top[1] = Math.max(top[1], end);
    else merged.push([start, end]);
  }
  if (merged.length > 1) return { kind: 'full' };
  const [start, end] = merged[0]!;
  return { kind: 'partial', start, end };
}

/** null for an empty position; Infinity for one past any file (more digits than a double holds exactly). */
function number(digits: string): number | null {
  if (digits === '') return null;
  return digits.replace(/^0+(?=\d)/, '').length > 15 ? Infinity : Number(digits);
}
