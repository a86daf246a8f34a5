import { getSchema } from '@tiptap/core';
import type { RichDoc, RichNode } from '../../../shared/model';
import { richTextExtensions } from './rich-extensions';

const schema = getSchema(richTextExtensions);

/** Why the editor must not take a stored comment or note: what it holds that the editor does not know. */
export interface RichContentProblem {
  /** node types the editor has no schema for */
  nodes: string[];
  /** mark types the editor has no schema for */
  marks: string[];
  /** attributes of known nodes and marks the editor would drop, as "type.attribute" */
  attributes: string[];
  /** known types put together in a way the schema does not allow (the editor would drop or reshape them) */
  invalid: string | null;
}

/**
 * Whether the editor can hold `doc` without losing any of it; null when it can. The editor
 * would show what it does not know as blank and, on the first keystroke, save over the
 * stored text: such content is shown read-only instead and never saved over.
 */
export function richContentProblem(doc: RichDoc | null | undefined): RichContentProblem | null {
  if (!doc?.content?.length) return null;
  const nodes = new Set<string>();
  const marks = new Set<string>();
  const attributes = new Set<string>();
  const unknownAttrs = (type: string, attrs: Record<string, unknown> | undefined, known: Record<string, unknown>) => {
    for (const key of Object.keys(attrs ?? {})) if (!(key in known)) attributes.add(`${type}.${key}`);
  };
  const walk = (node: RichNode): void => {
    const nodeType = schema.nodes[node.type];
    if (!nodeType) nodes.add(node.type);
    else unknownAttrs(node.type, node.attrs, nodeType.spec.attrs ?? {});
    for (const mark of node.marks ?? []) {
      const markType = schema.marks[mark.type];
      if (!markType) marks.add(mark.type);
      else unknownAttrs(mark.type, mark.attrs, markType.spec.attrs ?? {});
    }
    for (const child of node.content ?? []) walk(child);
  };
  walk(doc);
  let invalid: string | null = null;
  if (nodes.size === 0 && marks.size === 0 && attributes.size === 0) {
    try {
      schema.nodeFromJSON(doc).check();
    } catch (error) {
      invalid = (error as Error).message;
    }
  }
  return nodes.size || marks.size || attributes.size || invalid ? { nodes: [...nodes].sort(), marks: [...marks].sort(), attributes: [...attributes].sort(), invalid } : null;
}

/** Whether the editor has a node type of this name. */
export const richSchemaKnows = (type: string): boolean => type === 'doc' || !!schema.nodes[type];
