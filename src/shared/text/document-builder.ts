import type { Block, BlockKind } from '../model';

/**
 * Builds a document's text and blocks under the convention the whole app relies on:
 * blocks in order, separated by exactly "\n\n"; no "\n" inside a block except 'code';
 * no leading or trailing whitespace in a block; offsets in UTF-16 code units, end
 * exclusive. Parts are collected and joined once, so building stays linear.
 */
export class DocumentBuilder {
  private readonly parts: string[] = [];
  private length = 0;
  private readonly blocks: Block[] = [];

  /** Adds a block; blank text is skipped. Returns whether a block was added. */
  add(kind: BlockKind, text: string, level?: number): boolean {
    const clean = kind === 'code' ? cleanCode(text) : cleanInline(text);
    if (!clean) return false;
    if (this.parts.length > 0) {
      this.parts.push('\n\n');
      this.length += 2;
    }
    const block: Block = { kind, start: this.length, end: this.length + clean.length };
    if (level !== undefined) block.level = level;
    this.parts.push(clean);
    this.length += clean.length;
    this.blocks.push(block);
    return true;
  }

  get blockCount(): number {
    return this.blocks.length;
  }

  build(): { text: string; blocks: Block[] } {
    return { text: this.parts.join(''), blocks: this.blocks };
  }
}

// Line breaks inside a non-code block become spaces; tabs too (a block is one line of
// prose). Other runs of spaces are kept: they may be deliberate, and they are harmless.
function cleanInline(text: string): string {
  return text.replace(/[\t\n]+/g, ' ').trim();
}

// Code keeps its lines; blank lines at either end and trailing spaces go, and the common
// indentation is removed so the block does not start with whitespace.
function cleanCode(text: string): string {
  const lines = text.replace(/\t/g, '    ').split('\n').map((l) => l.trimEnd());
  while (lines.length > 0 && lines[0] === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  let indent = Infinity;
  for (const line of lines) {
    if (line === '') continue;
    indent = Math.min(indent, line.length - line.trimStart().length);
  }
  const body = indent > 0 && indent !== Infinity ? lines.map((l) => l.slice(indent)) : lines;
  return body.join('\n').trim();
}
