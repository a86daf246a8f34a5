import { displayWidth } from './chars';
import type { Draft } from './plain-draft';

// Sentence-final and clause punctuation: a line ending so is prose, not a heading.
const ENDS_PROSE = /[.!?。！？:;：；,，、…]$/u;
const QUESTION = /[?？]$/u;
const CLOSERS = /["'”’)\]）」』》]+$/u;
const MAX_HEADING_COLUMNS = 100;
// Without blank lines around it, a short line is a heading only before a long paragraph.
const LONG_PARAGRAPH_COLUMNS = 120;

/**
 * Decides which short standalone lines are headings: a short line without final
 * punctuation followed by body text (or a list), or a headline followed by a subhead
 * followed by body text. Numbered section lines ("2.1. General rules") are headings at
 * the depth of their number. Mutates the drafts.
 */
export function markHeadings(drafts: Draft[]): void {
  const candidate = drafts.map((d, i) => isCandidate(d, drafts[i + 1]));
  const isBody = (j: number): boolean => {
    const d = drafts[j];
    return d !== undefined && d.kind === 'paragraph' && !candidate[j] && /\p{L}/u.test(d.text);
  };
  for (let i = 0; i < drafts.length; i++) {
    const d = drafts[i];
    const next = drafts[i + 1];
    if (!d || !next || !candidate[i]) continue;
    const beforeBody = isBody(i + 1) || (candidate[i + 1] === true && isBody(i + 2));
    const beforeList = d.standalone && next.kind === 'list-item';
    if (!beforeBody && !beforeList) continue;
    d.kind = 'heading';
    d.level = d.marker && !d.marker.bullet ? Math.min(6, 1 + d.marker.depth) : 2;
  }
}

function isCandidate(d: Draft, next: Draft | undefined): boolean {
  if (d.lines !== 1 || d.kind === 'heading') return false;
  if (d.kind === 'list-item' && (!d.marker || d.marker.bullet || !d.standalone)) return false;
  if (d.width - d.indent > MAX_HEADING_COLUMNS) return false;
  const text = d.text;
  const letters = countMatches(text, /\p{L}/gu);
  const digits = countMatches(text, /\p{N}/gu);
  if (letters < 2 || digits >= letters) return false;
  const firstLetter = /\p{L}/u.exec(text)?.[0] ?? '';
  if (/\p{Ll}/u.test(firstLetter)) return false;
  const bare = text.replace(CLOSERS, '');
  if (ENDS_PROSE.test(bare) && !(d.kind === 'list-item' && QUESTION.test(bare))) return false;
  if (d.standalone) return true;
  return next !== undefined && next.kind === 'paragraph' && displayWidth(next.text) >= LONG_PARAGRAPH_COLUMNS;
}

function countMatches(text: string, re: RegExp): number {
  let n = 0;
  for (const _ of text.matchAll(re)) n++;
  return n;
}
