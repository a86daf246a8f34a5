import type { Block } from '../../../shared/model';

/** What the reader renders at the top level: one block, or a run of list items / table rows. */
export type BlockGroup =
  | { kind: 'single'; block: Block }
  | { kind: 'list'; items: Block[] }
  | { kind: 'table'; rows: Block[] };

/** A list or table longer than this is cut into several groups, so that a virtualised reader never mounts a huge one. */
export const MAX_GROUP_ITEMS = 200;

/** Groups consecutive list items into one list and consecutive table rows into one table, in one pass. */
export function groupBlocks(blocks: readonly Block[]): BlockGroup[] {
  const groups: BlockGroup[] = [];
  for (const block of blocks) {
    const last = groups[groups.length - 1];
    if (block.kind === 'list-item') {
      if (last?.kind === 'list' && last.items.length < MAX_GROUP_ITEMS) last.items.push(block);
      else groups.push({ kind: 'list', items: [block] });
    } else if (block.kind === 'table-row') {
      if (last?.kind === 'table' && last.rows.length < MAX_GROUP_ITEMS) last.rows.push(block);
      else groups.push({ kind: 'table', rows: [block] });
    } else {
      groups.push({ kind: 'single', block });
    }
  }
  return groups;
}

/** h2..h6: the document title is the page's h1, so heading level 1 renders as h2. */
export function headingTag(level: number | undefined): 'h2' | 'h3' | 'h4' | 'h5' | 'h6' {
  const n = Math.min(6, Math.max(2, (level ?? 1) + 1));
  return `h${n}` as 'h2' | 'h3' | 'h4' | 'h5' | 'h6';
}

const CELL_SEPARATOR = ' | ';

/** A table row's text as its cells. */
export function splitCells(rowText: string): string[] {
  return rowText.split(CELL_SEPARATOR);
}

/** A table row's cells as offsets into the text: each cell is a block of its own for selections. */
export function cellSpans(row: { start: number; end: number }, text: string): { start: number; end: number }[] {
  let start = row.start;
  return splitCells(text.slice(row.start, row.end)).map((cell) => {
    const span = { start, end: start + cell.length };
    start = span.end + CELL_SEPARATOR.length;
    return span;
  });
}

/** The first and last offsets a group covers. */
export function groupSpan(group: BlockGroup): { start: number; end: number } {
  if (group.kind === 'single') return group.block;
  const list = group.kind === 'list' ? group.items : group.rows;
  return { start: list[0]!.start, end: list[list.length - 1]!.end };
}

/** List items whose text carries its own marker ("1. ", "a) ", "[x] "): the bullet would repeat it. */
export const hasOwnMarker = (itemText: string): boolean => /^(?:\d{1,3}|[a-zA-Z])[.)]\s|^\[[ xX]\]\s/.test(itemText);
