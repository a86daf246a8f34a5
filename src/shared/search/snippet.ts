/**
 * A snippet for a search result: a short window of the text around the densest cluster of
 * hits, with the hits' offsets moved into the window. Pure: the core and the renderer both
 * use it, and it never re-tokenises (hits come from `findHits`).
 */

export interface Snippet {
  text: string;
  /** UTF-16 offsets into `text`, end exclusive, sorted, not overlapping */
  highlights: [number, number][];
}

export const ELLIPSIS = '…';

/** How far back to look for a word boundary, so a snippet does not start or end mid-word. */
const SNAP = 16;

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;

/** Moves `at` forward past the next space, if one is near; never past `limit`. */
function snapStart(text: string, at: number, limit: number): number {
  if (at <= 0) return 0;
  for (let i = at; i < Math.min(limit, at + SNAP); i++) if (/\s/.test(text[i - 1]!)) return i;
  return isHighSurrogate(text.charCodeAt(at - 1)) ? at - 1 : at;
}

/** Moves `at` back to just before a space, if one is near; never before `limit`. */
function snapEnd(text: string, at: number, limit: number): number {
  if (at >= text.length) return text.length;
  for (let i = at; i > Math.max(limit, at - SNAP); i--) if (/\s/.test(text[i]!)) return i;
  return isHighSurrogate(text.charCodeAt(at - 1)) ? at - 1 : at;
}

/** Index of the hit that starts the window of `width` holding the most hits. */
function densestStart(hits: [number, number][], width: number): number {
  let best = 0;
  let bestCount = 0;
  for (let i = 0, j = 0; i < hits.length; i++) {
    while (j < hits.length && hits[j]![1] <= hits[i]![0] + width) j++;
    if (j - i > bestCount) {
      best = i;
      bestCount = j - i;
    }
  }
  return best;
}

/**
 * Cuts a snippet of at most about `maxLength` characters (plus ellipses) from `text`.
 * Whitespace, line breaks included, shows as single spaces; offsets are kept by replacing
 * each whitespace unit with one space rather than collapsing runs.
 */
export function makeSnippet(text: string, hits: [number, number][], maxLength = 200): Snippet {
  const lead = Math.floor(maxLength / 4);
  const anchor = hits.length ? hits[densestStart(hits, maxLength - lead)]! : undefined;
  const firstHit = anchor ? anchor[0] : 0;
  let start = snapStart(text, Math.max(0, firstHit - lead), firstHit);
  // Leading whitespace would be shown as spaces after the ellipsis: skip it.
  while (start < firstHit && /\s/.test(text[start]!)) start++;
  const end = snapEnd(text, Math.min(text.length, start + maxLength), anchor ? anchor[1] : start);
  const body = text.slice(start, end).replace(/\s/g, ' ').trimEnd();
  const pre = start > 0 ? ELLIPSIS : '';
  const post = start + body.length < text.length ? ELLIPSIS : '';
  const highlights: [number, number][] = [];
  for (const [s, e] of hits) {
    const from = Math.max(s, start);
    const to = Math.min(e, start + body.length);
    if (from < to) highlights.push([from - start + pre.length, to - start + pre.length]);
  }
  return { text: pre + body + post, highlights };
}
