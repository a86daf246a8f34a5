export interface Segment {
  text: string;
  hit: boolean;
}

/**
 * Cuts a snippet into plain and marked runs. Highlights are [start, end) offsets into the
 * text; out-of-range, empty or overlapping ones are clamped or merged, never thrown on.
 */
export function snippetSegments(text: string, highlights: readonly (readonly [number, number])[]): Segment[] {
  const ranges = highlights
    .map(([s, e]) => [Math.max(0, Math.min(s, text.length)), Math.max(0, Math.min(e, text.length))] as [number, number])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const segments: Segment[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (end <= at) continue;
    const from = Math.max(start, at);
    if (from > at) segments.push({ text: text.slice(at, from), hit: false });
    const last = segments[segments.length - 1];
    if (last?.hit && from === at) last.text += text.slice(from, end);
    else segments.push({ text: text.slice(from, end), hit: true });
    at = end;
  }
  if (at < text.length) segments.push({ text: text.slice(at), hit: false });
  return segments;
}
