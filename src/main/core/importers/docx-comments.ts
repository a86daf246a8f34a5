import type { Block } from '../../../shared/model';
import { DocumentBuilder } from '../../../shared/text/document-builder';
import { metadataText } from '../../../shared/text/file-metadata';
import type { ImportedComment } from './types';
import { attr, findAll, localName, parseXml, textOf } from './xml';

/**
 * Word comments on their ranges. mammoth reads a comment's text but not the range it
 * covers, so before mammoth runs, every w:commentRangeStart/End in document.xml becomes a
 * run holding a sentinel (private-use characters around the comment's id). The sentinels
 * travel through mammoth and the HTML walker like any text; afterwards they are cut out of
 * the text and their positions are the comments' ranges.
 */
const START_OPEN = '\ue000';
const START_CLOSE = '\ue001';
const SENTINEL = /[\ue000\ue002](\d{1,9})[\ue001\ue003]/gu;

/** The sentinels themselves, for importers that walk their own XML (ODT's office:annotation). */
export const commentStart = (id: string): string => `${START_OPEN}${id}${START_CLOSE}`;
export const commentEnd = (id: string): string => `\ue002${id}\ue003`;

const run = (text: string): string => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`;

export function markCommentRanges(documentXml: string): string {
  const ranged = new Set([...documentXml.matchAll(/<w:commentRangeStart\b[^>]*?w:id="(\d{1,9})"/g)].map((m) => m[1]));
  return documentXml
    // A comment without a range is anchored at its mark (Word highlights the word before it): a point, widened later.
    .replace(/<w:commentReference\b[^>]*?w:id="(\d{1,9})"[^>]*?\/>/g, (whole, id: string) =>
      ranged.has(id) ? whole : `<w:t xml:space="preserve">${START_OPEN}${id}${START_CLOSE}\ue002${id}\ue003</w:t>`,
    )
    .replace(/<w:commentRangeStart\b[^>]*?w:id="(\d{1,9})"[^>]*?\/>/g, (_m, id: string) => run(`${START_OPEN}${id}${START_CLOSE}`))
    .replace(/<w:commentRangeEnd\b[^>]*?w:id="(\d{1,9})"[^>]*?\/>/g, (_m, id: string) => run(`\ue002${id}\ue003`));
}

/** Tracked changes Word keeps in document.xml, read as accepted: moved-away text goes (its new place stays). */
export function acceptChanges(documentXml: string): { xml: string; changes: number } {
  const changes = (documentXml.match(/<w:(?:ins|del|moveFrom|moveTo)\b/g) ?? []).length;
  const xml = documentXml.replace(/<w:moveFrom\b[^>]*?(?:\/>|>[\s\S]*?<\/w:moveFrom>)/g, '').replace(/<w:del\b[^>]*?(?:\/>|>[\s\S]*?<\/w:del>)/g, '');
  return { xml, changes };
}

export interface WordComment {
  id: string;
  paragraphs: string[];
  author?: string;
  date?: string;
}

export function readComments(commentsXml: string): WordComment[] {
  return findAll(parseXml(commentsXml), 'comment').map((c) => {
    const paragraphs = findAll(c, 'p')
      .map((p) =>
        findAll(p, 't')
          .filter((t) => localName(t) === 't')
          .map(textOf)
          .join('')
          .replace(/\s+/g, ' ')
          .trim(),
      )
      .filter(Boolean);
    const author = metadataText(attr(c, 'author'));
    const date = attr(c, 'date');
    return { id: attr(c, 'id') ?? '', paragraphs, ...(author ? { author } : {}), ...(date ? { date } : {}) };
  });
}

/**
 * Cuts the sentinels out of the built text and builds it again (blocks that held nothing
 * but a sentinel go), and returns the comments on their ranges; a comment whose range did
 * not come through (one in a text box mammoth skips) is counted in `unplaced`.
 */
export function placeComments(text: string, blocks: Block[], comments: WordComment[]): { text: string; blocks: Block[]; comments: ImportedComment[]; unplaced: number } {
  if (!/[\ue000\ue002]/u.test(text)) return { text, blocks, comments: [], unplaced: comments.length };
  const builder = new DocumentBuilder();
  /** marks by the index of the rebuilt block they stand in, and their offset inside it */
  const marks: { id: string; start: boolean; block: number; at: number }[] = [];
  let pending: { id: string; start: boolean }[] = [];
  let added = 0;
  for (const b of blocks) {
    const raw = text.slice(b.start, b.end);
    let clean = '';
    let last = 0;
    const found: { id: string; start: boolean; at: number }[] = [];
    for (const m of raw.matchAll(SENTINEL)) {
      clean += raw.slice(last, m.index);
      last = m.index + m[0].length;
      // "word ⟨s⟩ word" would keep two spaces: drop the one after the sentinel.
      if (b.kind !== 'code' && clean.endsWith(' ') && raw[last] === ' ') last++;
      found.push({ id: m[1]!, start: m[0][0] === START_OPEN, at: clean.length });
    }
    clean += raw.slice(last);
    const lead = clean.length - clean.trimStart().length;
    const body = clean.trim();
    if (!body || !builder.add(b.kind, body, b.level)) {
      // Nothing left of the block: a start waits for the next block, an end stays with the last.
      for (const f of found) {
        if (f.start) pending.push(f);
        else if (added > 0) marks.push({ ...f, block: added - 1, at: Number.MAX_SAFE_INTEGER });
      }
      continue;
    }
    for (const p of pending) marks.push({ ...p, block: added, at: 0 });
    pending = [];
    for (const f of found) marks.push({ ...f, block: added, at: Math.min(body.length, Math.max(0, f.at - lead)) });
    added++;
  }
  const built = builder.build();
  const starts = new Map<string, number>();
  const ends = new Map<string, number>();
  for (const m of marks) {
    const block = built.blocks[m.block]!;
    (m.start ? starts : ends).set(m.id, Math.min(block.end, block.start + m.at));
  }
  const placed: ImportedComment[] = [];
  let unplaced = 0;
  for (const c of comments) {
    let start = starts.get(c.id);
    let end = ends.get(c.id);
    if (start !== undefined && start === end) [start, end] = widen(built.text, built.blocks, start);
    if (start === undefined || end === undefined || end <= start || c.paragraphs.length === 0) {
      unplaced++;
      continue;
    }
    placed.push({ start, end, paragraphs: c.paragraphs, ...(c.author ? { author: c.author } : {}), ...(c.date ? { date: c.date } : {}) });
  }
  return { ...built, comments: placed, unplaced };
}

/** A point comment covers the word before it (up to 40 characters of its block), else the word after. */
function widen(text: string, blocks: Block[], at: number): [number, number] {
  const block = blocks.find((b) => b.start <= at && at <= b.end);
  if (!block) return [at, at];
  let start = at;
  while (start > block.start && at - start < 40 && /\S/u.test(text[start - 1]!)) start--;
  // Trailing punctuation ("Ouch.") stays out of the word it follows.
  while (start < at && /[\p{P}]/u.test(text[at - 1]!) && at - 1 > start) at--;
  if (start < at) return [start, at];
  let end = at;
  while (end < block.end && end - at < 40 && /\S/u.test(text[end]!)) end++;
  return [at, end];
}
