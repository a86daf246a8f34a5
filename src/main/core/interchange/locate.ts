import { anchor } from '../../../shared/anchoring';
import type { offsetMap } from '../../../shared/export/code-points';
import type { Incoming } from './types';

/**
 * UTF-16 range of an incoming annotation, or why it cannot be placed. A quote is placed where
 * its position agrees, else where it occurs once (or once with its prefix and suffix); a
 * quote found several times comes back `ambiguous` (at its first occurrence, for review),
 * never silently placed; a quote not found exactly is re-anchored fuzzily.
 */
export function locate(a: Incoming, text: string, map: ReturnType<typeof offsetMap>): { start: number; end: number; ambiguous?: string } | string {
  const p = a.place;
  if ('empty' in p) return 'no text to place';
  const hint = p.start !== undefined && p.end !== undefined ? { start: map.toUtf16(p.start), end: map.toUtf16(p.end) } : null;
  if (!('quote' in p)) {
    if (!hint || hint.start < 0 || hint.end < 0 || hint.start >= hint.end) return `offsets ${p.start}–${p.end} are not inside the text (${map.codePoints} characters)`;
    return hint;
  }
  if (hint && hint.start >= 0 && text.slice(hint.start, hint.end) === p.quote) return hint;
  if (!p.quote) return 'an empty quote';
  const found: number[] = [];
  for (let i = text.indexOf(p.quote); i >= 0 && found.length < 1000; i = text.indexOf(p.quote, i + 1)) found.push(i);
  const at = (i: number) => ({ start: i, end: i + p.quote.length });
  if (found.length === 1) return at(found[0]!);
  if (found.length > 1) {
    const inContext = found.filter((i) => text.slice(Math.max(0, i - p.prefix.length), i) === p.prefix && text.slice(i + p.quote.length, i + p.quote.length + p.suffix.length) === p.suffix);
    if (inContext.length === 1) return at(inContext[0]!);
    return { ...at(found[0]!), ambiguous: `the quote ${JSON.stringify(p.quote.slice(0, 40))} occurs ${found.length >= 1000 ? '1000 or more' : found.length} times${p.prefix || p.suffix ? ` (${inContext.length} with its prefix and suffix)` : ''}` };
  }
  const result = anchor(text, { start: hint && hint.start >= 0 ? hint.start : 0, end: hint && hint.end >= 0 ? hint.end : p.quote.length, quote: p.quote, prefix: p.prefix, suffix: p.suffix });
  if (result.status === 'orphan') return `the quote ${JSON.stringify(p.quote.slice(0, 40))} was not found in the text (${result.reason})`;
  return { start: result.start, end: result.end };
}

/** What makes two annotations the same for import: kind, range and (for a mention) label. */
export function key(kind: string, range: { start: number; end: number }, label: string | undefined): string {
  return `${kind}|${range.start}|${range.end}|${kind === 'entity' ? (label ?? '') : ''}`;
}

