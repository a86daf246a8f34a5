import { plainText as commentText } from '../../../shared/export/annotations';
import type { RichNode } from '../../../shared/model';

/** The plain text of a rich-text comment, on one line, for a preview. */
export function plainText(node: RichNode | null | undefined, max = 140): string {
  const text = commentText(node).replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A quote shortened in the middle, keeping both ends readable. */
export function shortQuote(quote: string, max = 160): string {
  const flat = quote.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const half = Math.floor((max - 1) / 2);
  return `${flat.slice(0, half)}…${flat.slice(-half)}`;
}
