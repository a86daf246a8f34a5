/**
 * Text with provenance: each UTF-16 unit of `text` carries where it came from on its page
 * (`src[i]`: a position in the page's source, the concatenation of its text items' `str`
 * as pdf.js gives them, or -1 for a character the layout made up: a space, a line break).
 * The layout code keeps building strings as it always did; the few places that change a
 * string pass the old traced text and the new string through `retrace`, which lines the
 * two up (they differ only locally: a space, a hyphen, a ligature, a composed accent).
 */
export interface Traced {
  text: string;
  src: number[];
}

export const NOT_COPIED = -1;

/** `text` copied from the page source starting at `start` (or made up, for start < 0). */
export function traced(text: string, start: number): Traced {
  const src = new Array<number>(text.length);
  for (let i = 0; i < text.length; i++) src[i] = start < 0 ? NOT_COPIED : start + i;
  return { text, src };
}

export const synthetic = (text: string): Traced => traced(text, NOT_COPIED);

export function concat(parts: Traced[]): Traced {
  let text = '';
  const src: number[] = [];
  for (const part of parts) {
    text += part.text;
    for (const s of part.src) src.push(s);
  }
  return { text, src };
}

// How far ahead (in characters, both strings together) a change may reach before the two
// strings agree again: long enough for "ﬃ" → "ffi" or a dot leader, short enough to be cheap.
const WINDOW = 24;

/**
 * The sources of `to`, a string made from `from.text` by local edits. Equal characters
 * keep their source; a stretch that was replaced maps proportionally onto what it replaced
 * (so "fi" from "ﬁ" maps both letters to the ligature); inserted characters map to nothing.
 */
export function retrace(from: Traced, to: string, window = WINDOW): number[] {
  const a = from.text;
  const s = from.src;
  if (a === to) return s.slice();
  const out = new Array<number>(to.length).fill(NOT_COPIED);
  let i = 0;
  let j = 0;
  const agree = (p: number, q: number): boolean => {
    if (p >= a.length || q >= to.length) return p >= a.length && q >= to.length;
    if (a.charCodeAt(p) !== to.charCodeAt(q)) return false;
    return p + 1 >= a.length || q + 1 >= to.length || a.charCodeAt(p + 1) === to.charCodeAt(q + 1);
  };
  while (i < a.length && j < to.length) {
    if (a.charCodeAt(i) === to.charCodeAt(j)) {
      out[j++] = s[i++]!;
      continue;
    }
    let di = -1;
    let dj = -1;
    search: for (let d = 1; d <= window; d++) {
      for (let x = 0; x <= d; x++) {
        if (i + x <= a.length && j + d - x <= to.length && agree(i + x, j + d - x)) {
          di = x;
          dj = d - x;
          break search;
        }
      }
    }
    if (di < 0) {
      out[j++] = s[i++]!;
      continue;
    }
    for (let k = 0; k < dj; k++) out[j + k] = di === 0 ? NOT_COPIED : s[i + Math.floor((k * di) / dj)]!;
    i += di;
    j += dj;
  }
  return out;
}

/** Runs a string function on traced text and traces its result. */
export function mapTraced(from: Traced, fn: (text: string) => string): Traced {
  const text = fn(from.text);
  return { text, src: text === from.text ? from.src : retrace(from, text) };
}

/**
 * `text.replace(pattern, replacement)` on traced text, traced exactly: the replacement of a
 * match maps to the match's first copied character that is not a space (for changes longer than retrace's window,
 * such as a dot leader of sixty dots).
 */
export function replaceTraced(from: Traced, pattern: RegExp, replacement: string): Traced {
  let text = '';
  const src: number[] = [];
  let last = 0;
  for (const m of from.text.matchAll(pattern)) {
    const at = m.index;
    text += from.text.slice(last, at);
    for (let k = last; k < at; k++) src.push(from.src[k]!);
    let first = NOT_COPIED;
    for (let k = at; k < at + m[0].length; k++) {
      if (from.src[k]! >= 0 && !/\s/.test(from.text[k]!)) {
        first = from.src[k]!;
        break;
      }
    }
    text += replacement;
    for (let k = 0; k < replacement.length; k++) src.push(replacement[k] === ' ' ? NOT_COPIED : first);
    last = at + m[0].length;
  }
  if (last === 0) return from;
  text += from.text.slice(last);
  for (let k = last; k < from.text.length; k++) src.push(from.src[k]!);
  return { text, src };
}
