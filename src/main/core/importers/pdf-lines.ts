import type { RawPage } from './pdf-process';

/** A run of text on one baseline with no wide gap inside: a line, or one column's part of a row. */
export interface Line {
  text: string;
  x0: number;
  x1: number;
  /** baseline, PDF units, growing upwards */
  y: number;
  /** font size of the line's main text (superscripts do not count) */
  size: number;
  mono: boolean;
}

interface Item {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
  mono: boolean;
}

// Gaps wider than this (in ems) end a line fragment: a column gutter is 1.5-3 em, while
// pdf.js already puts word spaces inside its strings. Fragments on one row are rejoined
// later if they turn out to be in the same column.
const FRAGMENT_GAP_EM = 1.2;

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/u;
export const isCjk = (ch: string | undefined): boolean => ch !== undefined && CJK.test(ch);

function cjkShare(text: string): number {
  let cjk = 0;
  for (const ch of text) if (isCjk(ch)) cjk++;
  return cjk / Math.max(1, text.replace(/\s/g, '').length);
}

/** Groups a page's items into line fragments, in content-stream order. */
export function pageLines(page: RawPage): Line[] {
  const lines: Line[] = [];
  let items: Item[] = [];
  const flush = (): void => {
    const line = makeLine(items);
    if (line) lines.push(line);
    items = [];
  };
  for (const [str, x, y, width, size, mono] of page.items) {
    if (!str) continue;
    const item: Item = { str, x, y, width, size: size || 1, mono: mono === 1 };
    const last = lastInk(items);
    if (last && !continuesLine(items, last, item)) flush();
    items.push(item);
  }
  flush();
  return lines;
}

function lastInk(items: Item[]): Item | undefined {
  for (let i = items.length - 1; i >= 0; i--) if (items[i]!.str.trim()) return items[i];
  return items[items.length - 1];
}

function continuesLine(items: Item[], last: Item, next: Item): boolean {
  const size = Math.max(...items.map((i) => i.size));
  const base = mainItem(items).y;
  const sameBaseline = Math.abs(next.y - base) <= 0.4 * Math.max(size, next.size);
  // Footnote marks and indices sit a little above or below the baseline, in a smaller font.
  const script = next.size < size * 0.9 && next.y > base - 0.4 * size && next.y < base + 0.75 * size;
  if (!sameBaseline && !script) return false;
  const gap = next.x - (last.x + last.width);
  return gap > -0.6 * size && gap < FRAGMENT_GAP_EM * Math.max(size, next.size);
}

function mainItem(items: Item[]): Item {
  let best = items[0]!;
  for (const item of items) if (item.str.trim().length * item.size > best.str.trim().length * best.size) best = item;
  return best;
}

function makeLine(items: Item[]): Line | undefined {
  const ink = items.filter((i) => i.str.trim());
  if (ink.length === 0) return undefined;
  const main = mainItem(ink);
  let text = '';
  let prev: Item | undefined;
  for (const item of items) {
    if (prev && text && !/\s$/.test(text) && !/^\s/.test(item.str)) {
      const gap = item.x - (prev.x + prev.width);
      const cjk = isCjk(text[text.length - 1]) || isCjk(item.str[0]);
      // pdf.js leaves out some word spaces that the layout shows as gaps.
      if (gap > (cjk ? 0.6 : 0.15) * main.size) text += ' ';
    }
    text += item.str;
    prev = item;
  }
  return {
    text: text.replace(/\s+/g, ' ').trim(),
    x0: Math.min(...ink.map((i) => i.x)),
    x1: Math.max(...ink.map((i) => i.x + i.width)),
    y: main.y,
    size: main.size,
    // CJK fonts are fixed-pitch too: monospace marks code only in mostly non-CJK text.
    mono: ink.every((i) => i.mono) && cjkShare(text) < 0.3,
  };
}

/**
 * Reading order of a page's line fragments, as groups: each group is one column's run of
 * lines, top to bottom. A gutter is a vertical strip in the middle of a region that few
 * lines cross, with column-wide lines side by side on both sides of it; lines that cross
 * it (titles, wide figures) split the page into bands, read one after another, each band
 * left column first. Applied again inside each column, so three columns work too.
 */
export function readingOrder(lines: Line[], depth = 0): Line[][] {
  const sorted = [...lines].sort((a, b) => b.y - a.y || a.x0 - b.x0);
  const gutter = depth < 3 ? findGutter(lines) : undefined;
  if (gutter === undefined) return sorted.length ? [sorted] : [];
  const groups: Line[][] = [];
  let left: Line[] = [];
  let right: Line[] = [];
  const flushBand = (): void => {
    groups.push(...readingOrder(left, depth + 1), ...readingOrder(right, depth + 1));
    left = [];
    right = [];
  };
  for (const line of sorted) {
    if (line.x1 <= gutter) left.push(line);
    else if (line.x0 >= gutter) right.push(line);
    else {
      flushBand();
      groups.push([line]);
    }
  }
  flushBand();
  return mergeSingles(groups);
}

// Consecutive spanning lines (a title, an author block) form one group, so paragraphs can span them.
function mergeSingles(groups: Line[][]): Line[][] {
  const out: Line[][] = [];
  let spanning: Line[] | undefined;
  for (const group of groups) {
    if (group.length === 1 && spanning) spanning.push(group[0]!);
    else {
      out.push(group);
      spanning = group.length === 1 ? group : undefined;
    }
  }
  return out;
}

function findGutter(lines: Line[]): number | undefined {
  if (lines.length < 8) return undefined;
  const rx0 = Math.min(...lines.map((l) => l.x0));
  const rx1 = Math.max(...lines.map((l) => l.x1));
  const width = rx1 - rx0;
  if (width < 100) return undefined;
  // The x in the middle band crossed by the fewest lines; the middle of the widest such run.
  let best = { crossing: Infinity, from: 0, to: 0 };
  let run: { from: number; to: number } | undefined;
  const step = width / 200;
  for (let x = rx0 + 0.25 * width; x <= rx0 + 0.75 * width; x += step) {
    const crossing = lines.reduce((n, l) => n + (l.x0 < x && l.x1 > x ? 1 : 0), 0);
    if (crossing < best.crossing) {
      best = { crossing, from: x, to: x };
      run = { from: x, to: x };
    } else if (crossing === best.crossing && run && run.to >= x - step * 1.5) {
      run.to = x;
      if (run.to - run.from > best.to - best.from) best = { crossing, ...run };
    } else if (crossing === best.crossing) run = { from: x, to: x };
  }
  const gutter = (best.from + best.to) / 2;
  const left = lines.filter((l) => l.x1 <= gutter);
  const right = lines.filter((l) => l.x0 >= gutter);
  if (left.length < 4 || right.length < 4 || best.crossing > 0.2 * lines.length) return undefined;
  // Columns are full of text: a key/value table or a ragged list has short cells on one
  // side. Short labels (figure text, line numbers) say nothing either way.
  if (!fullOfText(left, gutter - rx0) || !fullOfText(right, rx1 - gutter)) return undefined;
  // ...and side by side, not one above the other.
  const overlap = Math.min(top(left), top(right)) - Math.max(bottom(left), bottom(right));
  if (overlap < 0.3 * Math.min(top(left) - bottom(left), top(right) - bottom(right))) return undefined;
  return gutter;
}

function fullOfText(side: Line[], sideWidth: number): boolean {
  const widths = side.filter((l) => l.text.length >= 10).map((l) => l.x1 - l.x0);
  return widths.length >= 3 && percentile(widths, 0.75) >= 0.6 * sideWidth;
}

const top = (lines: Line[]): number => Math.max(...lines.map((l) => l.y + l.size));
const bottom = (lines: Line[]): number => Math.min(...lines.map((l) => l.y));

export function median(values: number[]): number {
  return percentile(values, 0.5);
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}
