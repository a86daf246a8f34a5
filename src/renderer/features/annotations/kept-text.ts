import type { RichNode } from '../../../shared/model';
import { richSchemaKnows } from './rich-content-check';

export interface KeptBlock {
  text: string;
  /** a block the editor does not know (shown with its name) */
  unknown?: string;
}

/**
 * The readable text of stored rich text, one entry per block, for showing content the editor
 * cannot hold: unknown blocks keep their text and are named, so nothing in them is hidden.
 */
export function keptBlocks(doc: RichNode): KeptBlock[] {
  const blocks: KeptBlock[] = [];
  const inlineText = (node: RichNode): string => {
    if (node.text !== undefined) return node.text;
    if (node.type === 'hardBreak') return '\n';
    const inner = (node.content ?? []).map(inlineText).join('');
    return richSchemaKnows(node.type) ? inner : `[${node.type}${inner ? `: ${inner}` : ''}]`;
  };
  const walk = (node: RichNode): void => {
    const children = node.content ?? [];
    const inline = children.length > 0 && children.every((c) => c.text !== undefined || c.type === 'hardBreak' || !c.content?.length);
    const known = richSchemaKnows(node.type);
    if (node !== doc && (inline || children.length === 0)) {
      const text = children.map(inlineText).join('');
      if (!known) blocks.push({ text: `[${node.type}]${text ? ` ${text}` : ''}`, unknown: node.type });
      else blocks.push({ text });
      return;
    }
    if (!known) blocks.push({ text: `[${node.type}]`, unknown: node.type });
    children.forEach(walk);
  };
  walk(doc);
  return blocks;
}
