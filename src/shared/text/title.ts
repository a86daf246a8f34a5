import type { Block } from '../model';
import { cutAtWordBoundary, firstSentence } from './segment';

/** Headings further down than this are section titles, not the document's title. */
const TITLE_WINDOW_BLOCKS = 5;
/** A heading longer than this is a kicker or standfirst (news layout), not the title. */
const MAX_HEADING_TITLE = 120;
const MAX_TITLE = 100;

export interface TitleInput {
  frontMatterTitle?: string;
  text: string;
  blocks: Block[];
}

/**
 * A document's title: the front matter's, else the first heading near the top, else a
 * short first block, else the first sentence cut at a word boundary. Never empty.
 */
export function deriveTitle(input: TitleInput): string {
  const fromFrontMatter = tidy(input.frontMatterTitle ?? '');
  if (fromFrontMatter) return fromFrontMatter;

  const { text, blocks } = input;
  const top = blocks.slice(0, TITLE_WINDOW_BLOCKS);
  for (const b of top) {
    if (b.kind !== 'heading') continue;
    const heading = tidy(text.slice(b.start, b.end));
    if (heading && heading.length <= MAX_HEADING_TITLE) return heading;
  }

  const first = blocks.find((b) => b.kind !== 'code') ?? blocks[0];
  const firstText = first ? text.slice(first.start, first.end) : text.slice(0, 4000);
  const firstLine = tidy(firstText.split('\n', 1)[0] ?? '');
  if (firstLine && firstLine.length <= MAX_TITLE) return dropFinalPeriod(firstLine);

  const sentence = tidy(firstSentence(firstText));
  if (!sentence) return 'Untitled';
  if (sentence.length <= MAX_TITLE) return dropFinalPeriod(sentence);
  const cut = cutAtWordBoundary(sentence, MAX_TITLE - 1).replace(/[\s\p{P}]+$/u, '');
  return cut ? `${cut}…` : 'Untitled';
}

// Titles are shown and searched as one line: any run of whitespace (NBSP included) is one space.
// A footnote mark ("[1]", "[i]", "†") or a permalink glyph at the end of a heading is not part of the title.
function tidy(s: string): string {
  return s
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/(?:\s*(?:\[\d{1,3}\]|\[[ivx]{1,4}\]|[¶§†‡]))+$/u, '')
    .trim();
}

function dropFinalPeriod(s: string): string {
  const dropped = s.replace(/(?<!\.)[.。]$/u, '').trim();
  return dropped || s;
}
