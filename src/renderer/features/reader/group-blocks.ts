import type { Block } from '../../../shared/model';

/** What the reader renders at the top level: one block, or a run of list items / table rows. */
export type BlockGroup =
  | { kind: 'single'; block: Block }
  | { kind: 'list'; items: Block[] }
  | { kind: 'table'; rows: Block[] };

/** Groups consecutive list items into one list and consecutive table rows into one table, in one pass. */
export function groupBlocks(blocks: readonly Block[]): BlockGroup[] {
  const groups: BlockGroup[] = [];
  for (const block of blocks) {
    const last = groups[groups.length - 1];
    if (block.kind === 'list-item') {
      if (last?.kind === 'list') last.items.push(block);
      else groups.push({ kind: 'list', items: [block] });
    } else if (block.kind === 'table-row') {
      if (last?.kind === 'table') last.rows.push(block);
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

/** A table row's text as its cells. */
export function splitCells(rowText: string): string[] {
  return rowText.split(' | ');
}

/** List items whose text carries its own marker ("1. ", "a) ", "[x] "): the bullet would repeat it. */
export const hasOwnMarker = (itemText: string): boolean => /^(?:\d{1,3}|[a-zA-Z])[.)]\s|^\[[ xX]\]\s/.test(itemText);
