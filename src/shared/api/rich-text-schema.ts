import { z } from 'zod';
import type { RichDoc, RichNode } from '../model';

const MAX_DEPTH = 40;
const MAX_JSON_CHARS = 256 * 1024;

const markSchema = z.object({ type: z.string().max(64), attrs: z.record(z.string(), z.unknown()).optional() });

const nodeSchema: z.ZodType<RichNode> = z.lazy(() =>
  z.object({
    type: z.string().min(1).max(64),
    attrs: z.record(z.string(), z.unknown()).optional(),
    content: z.array(nodeSchema).max(10_000).optional(),
    marks: z.array(markSchema).max(20).optional(),
    text: z.string().max(MAX_JSON_CHARS).optional(),
  }),
);

function depth(node: RichNode, level = 1): number {
  if (level > MAX_DEPTH) return level;
  return Math.max(level, ...(node.content ?? []).map((child) => depth(child, level + 1)));
}

/** Tiptap JSON as stored for comments and notes: bounded in size and depth. */
export const richDocSchema: z.ZodType<RichDoc> = z
  .object({ type: z.literal('doc'), content: z.array(nodeSchema).max(10_000).optional(), attrs: z.record(z.string(), z.unknown()).optional() })
  .refine((doc) => depth(doc) <= MAX_DEPTH, `rich text nested deeper than ${MAX_DEPTH} levels`)
  .refine((doc) => JSON.stringify(doc).length <= MAX_JSON_CHARS, `rich text larger than ${MAX_JSON_CHARS / 1024} KB`) as z.ZodType<RichDoc>;
