import { pointInBlock, snapRange, type TextRange } from './text-range';

const BLOCK = '[data-start][data-end]';

/**
 * A DOM Range over the reader as offsets into the document text: a pure function of the
 * range and the rendered blocks' data-start/data-end. Inside a block, the offset is the
 * length of the block's text before the boundary, in DOM order (Range.toString walks the
 * text nodes, so marks inside the block do not matter). A boundary between blocks or
 * outside the article snaps to the nearest block edge inside the selection; a range that
 * does not touch the article is none.
 */
export function selectionOffsets(range: Range, article: Element, text: string): TextRange | null {
  if (range.collapsed || !range.intersectsNode(article)) return null;
  const blocks = leafBlocks(article);
  if (blocks.length === 0) return null;
  const start = boundaryOffset(range.startContainer, range.startOffset, article, blocks, 'start');
  const end = boundaryOffset(range.endContainer, range.endOffset, article, blocks, 'end');
  if (start === null || end === null) return null;
  return snapRange(text, start, end);
}

/** The blocks that hold text directly (a table row's cells, not the row), in document order. */
function leafBlocks(article: Element): HTMLElement[] {
  return [...article.querySelectorAll<HTMLElement>(BLOCK)].filter((el) => !el.querySelector(BLOCK));
}

function boundaryOffset(node: Node, offset: number, article: Element, blocks: HTMLElement[], side: 'start' | 'end'): number | null {
  const element = node instanceof Element ? node : node.parentElement;
  const block = element?.closest<HTMLElement>(BLOCK);
  if (block && article.contains(block) && !block.querySelector(BLOCK)) {
    const before = document.createRange();
    before.setStart(block, 0);
    before.setEnd(node, offset);
    return pointInBlock(num(block, 'start'), num(block, 'end'), before.toString().length);
  }
  // Between blocks, or outside the article: the first block after a start, the last block before an end.
  const ordered = side === 'start' ? blocks : [...blocks].reverse();
  for (const candidate of ordered) {
    const span = document.createRange();
    span.selectNodeContents(candidate);
    const where = span.comparePoint(node, offset);
    if (side === 'start' && where <= 0) return where < 0 ? num(candidate, 'start') : null;
    if (side === 'end' && where >= 0) return where > 0 ? num(candidate, 'end') : null;
  }
  return null;
}

const num = (el: HTMLElement, key: 'start' | 'end') => Number(el.dataset[key]);

/** The current selection in the article, if any. */
export function currentSelectionOffsets(article: Element | null, text: string): TextRange | null {
  const selection = document.getSelection();
  if (!article || !selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  return selectionOffsets(selection.getRangeAt(0), article, text);
}
