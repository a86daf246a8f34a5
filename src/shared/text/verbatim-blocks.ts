import type { Block } from '../model';

/**
 * Blocks over a text kept exactly as given (an annotated corpus): one paragraph per
 * non-blank line, its surrounding whitespace outside the block. Such a text does not
 * follow the block convention (blank line between blocks); the reader shows each block's
 * slice of the text, so only the characters between blocks go unseen.
 */
export function verbatimBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  const line = /[^\r\n]+/g;
  for (let m = line.exec(text); m; m = line.exec(text)) {
    const lead = m[0].length - m[0].trimStart().length;
    const body = m[0].trim();
    if (!body) continue;
    const start = m.index + lead;
    blocks.push({ kind: 'paragraph', start, end: start + body.length });
  }
  return blocks;
}
