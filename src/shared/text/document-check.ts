import type { Block } from '../model';

/**
 * Ways in which text + blocks break the block convention (see DocumentBuilder), as
 * readable strings; empty when the document is well formed. Tests use it on every
 * imported document; the store may use it to refuse a corrupt blocks.json.
 */
export function documentProblems(text: string, blocks: readonly Block[]): string[] {
  const problems: string[] = [];
  let expectedStart = 0;
  blocks.forEach((b, i) => {
    const where = `block ${i} (${b.kind} ${b.start}-${b.end})`;
    if (b.start !== expectedStart) problems.push(`${where}: starts at ${b.start}, expected ${expectedStart}`);
    if (b.end <= b.start || b.end > text.length) problems.push(`${where}: bad range`);
    const body = text.slice(b.start, b.end);
    if (body !== body.trim()) problems.push(`${where}: leading or trailing whitespace`);
    if (b.kind !== 'code' && body.includes('\n')) problems.push(`${where}: line break inside`);
    const gap = text.slice(b.end, b.end + 2);
    if (i < blocks.length - 1 && gap !== '\n\n') problems.push(`${where}: not followed by a blank line`);
    expectedStart = b.end + 2;
  });
  const last = blocks[blocks.length - 1];
  if (blocks.length > 0 && last && last.end !== text.length) problems.push('text continues after the last block');
  if (blocks.length === 0 && text !== '') problems.push('text without blocks');
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(text)) problems.push('control characters in text');
  return problems;
}
