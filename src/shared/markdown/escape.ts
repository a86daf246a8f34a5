/**
 * Escapes user text for Markdown inline content so that it is read as text: it cannot
 * start a heading, list, quote or table, open emphasis or a link, or inject HTML.
 */
export function escapeInline(text: string): string {
  return text
    .replace(/&(?=[a-zA-Z#][a-zA-Z0-9]*;)/g, '&amp;')
    .replace(/[\\`*_[\]{}<>|~]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : `\\${c}`));
}

/** Escapes what only matters at the start of a line (after inline escaping). */
export function escapeLineStart(line: string): string {
  return line
    .replace(/^(\s*)([#+\-=]|>)/, '$1\\$2')
    .replace(/^(\s*)(\d+)([.)])/, '$1$2\\$3');
}

/** A code span that survives backticks inside the code. */
export function codeSpan(code: string): string {
  const longest = Math.max(0, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = code.startsWith('`') || code.endsWith('`') || code.startsWith(' ') ? ' ' : '';
  return `${fence}${pad}${code}${pad}${fence}`;
}
