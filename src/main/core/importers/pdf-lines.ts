import type { RawPage } from './pdf-process';
import { concat, mapTraced, retrace, synthetic, traced, type Traced } from './pdf-trace';

/** A run of text on one baseline with no wide gap inside: a line, or one column's part of a row. */
export interface Line {
  text: string;
  /** where each character of text came from on the page (pdf-trace.ts) */
  src: number[];
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
  src: number[];
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

// Han ideographs (and kana): the characters between which a space is never a word space.
const HAN = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;
const isHan = (ch: string | undefined): boolean => ch !== undefined && HAN.test(ch);

/**
 * A letter-spaced Chinese line (LaTeX manuals set headings and tables so) comes out of
 * pdf.js with a space between every two characters: 数 据 管 理. Where most Han pairs on
 * a line are spaced that way, the spaces between Han characters go, so that a phrase
 * search finds the words; a line with an occasional deliberate space keeps it.
 */
export function unspaceCjk(text: string): string {
  const spaced = text.match(/[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff] (?=[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])/gu)?.length ?? 0;
  if (spaced < 2) return text;
  const joined = text.match(/[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff](?=[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])/gu)?.length ?? 0;
  if (spaced < 2 * joined) return text;
  return text.replace(/(?<=[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]) (?=[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])/gu, '');
}

function cjkShare(text: string): number {
  let cjk = 0;
  for (const ch of text) if (isCjk(ch)) cjk++;
  return cjk / Math.max(1, text.replace(/\s/g, '').length);
}

// What pdf.js does to item strings unless told not to (its normalizeUnicode: NFKC of
// ligatures, compatibility spaces and presentation forms). The importer reads raw strings,
// as the viewer's text layer does, and applies it here, tracing what it changes.
const PDFJS_NORMALIZE =
  /([\u00a0\u00b5\u037e\u0eb3\u2000-\u200a\u202f\u2126\ufb00-\ufb04\ufb06\ufb20-\ufb36\ufb38-\ufb3c\ufb3e\ufb40-\ufb41\ufb43-\ufb44\ufb46-\ufba1\ufba4-\ufba9\ufbae-\ufbb1\ufbd3-\ufbdc\ufbde-\ufbe7\ufbea-\ufbf8\ufbfc-\ufbfd\ufc00-\ufc5d\ufc64-\ufcf1\ufcf5-\ufd3d\ufd88\ufdf4\ufdfa-\ufdfb\ufe71\ufe77\ufe79\ufe7b\ufe7d]+)|(\ufb05+)/gu;

export function pdfjsNormalize(str: string): string {
  return str.replace(PDFJS_NORMALIZE, (_m, p1: string | undefined, p2: string) => (p1 ? p1.normalize('NFKC') : 'ſt'.repeat(p2.length)));
}

/** Where each item's str starts in the page source (the items' strings end to end). */
export function itemStarts(page: RawPage): number[] {
  const starts: number[] = [];
  let at = 0;
  for (const [str] of page.items) {
    starts.push(at);
    at += str.length;
  }
  starts.push(at);
  return starts;
}

/** Groups a page's items into line fragments, in content-stream order; form field values come last. */
export function pageLines(page: RawPage): Line[] {
  const lines: Line[] = [];
  let items: Item[] = [];
  const flush = (): void => {
    const line = makeLine(items);
    if (line) lines.push(line);
    items = [];
  };
  let at = 0;
  for (const [str, x, y, width, size, mono] of page.items) {
    const start = at;
    at += str.length;
    if (!str) continue;
    const { text, src } = mapTraced(traced(str, start), pdfjsNormalize);
    const item: Item = { str: text, src, x, y, width, size: size || 1, mono: mono === 1 };
    const last = lastInk(items);
    if (last && !continuesLine(items, last, item)) flush();
    items.push(item);
  }
  flush();
  // Field values are drawn by the annotation layer: they have no text item to map to.
  for (const [value, x0, y0, x1, y1] of page.fields ?? []) {
    const size = Math.max(4, Math.min(14, (y1 - y0) * 0.7));
    const str = value.replace(/\s+/g, ' ');
    const line = makeLine([{ str, src: synthetic(str).src, x: x0, y: y0 + (y1 - y0 - size) / 2, width: x1 - x0, size, mono: false }]);
    if (line) lines.push(line);
  }
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
  const parts: Traced[] = [];
  let prev: Item | undefined;
  for (const item of items) {
    if (prev && text && !/\s$/.test(text) && !/^\s/.test(item.str)) {
      const gap = item.x - (prev.x + prev.width);
      const cjk = isCjk(text[text.length - 1]) || isCjk(item.str[0]);
      // pdf.js leaves out some word spaces that the layout shows as gaps. Between Chinese
      // characters a gap is letter spacing, never a word space.
      const bothCjk = isHan(text[text.length - 1]) && isHan(item.str[0]);
      if (!bothCjk && gap > (cjk ? 0.6 : 0.15) * main.size) {
        text += ' ';
        parts.push(synthetic(' '));
      }
    }
    text += item.str;
    parts.push({ text: item.str, src: item.src });
    prev = item;
  }
  const joined = concat(parts);
  const clean = unspaceCjk(text.replace(/\s+/g, ' ').trim());
  return {
    text: clean,
    src: retrace(joined, clean),
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
