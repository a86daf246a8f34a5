import { ImportError } from '../types';

/** An RTF file as a tree of groups: control words, control symbols, hex bytes and text runs. */
export type RtfNode =
  | { t: 'group'; children: RtfNode[] }
  | { t: 'word'; name: string; param?: number }
  | { t: 'symbol'; char: string }
  | { t: 'byte'; value: number }
  | { t: 'text'; text: string };

export type RtfGroup = Extract<RtfNode, { t: 'group' }>;

/** Deeper nesting than any word processor writes: a file nested this deep is refused, not followed. */
const MAX_DEPTH = 1000;

/**
 * Tokenises RTF (the bytes read one to one as Latin-1 code units, as the format is defined
 * over bytes) into groups. Iterative, so a hostile file cannot exhaust the stack here.
 */
export function parseRtfTree(source: string): RtfGroup {
  const root: RtfGroup = { t: 'group', children: [] };
  const stack: RtfGroup[] = [root];
  let text = '';
  const top = (): RtfGroup => stack[stack.length - 1]!;
  const flushText = (): void => {
    if (text) top().children.push({ t: 'text', text });
    text = '';
  };
  const n = source.length;
  let i = 0;
  while (i < n) {
    const c = source[i]!;
    if (c === '{') {
      flushText();
      if (stack.length > MAX_DEPTH) throw new ImportError(`unreadable RTF: groups nested more than ${MAX_DEPTH} deep`);
      const group: RtfGroup = { t: 'group', children: [] };
      top().children.push(group);
      stack.push(group);
      i++;
    } else if (c === '}') {
      flushText();
      if (stack.length > 1) stack.pop();
      i++;
    } else if (c === '\\') {
      flushText();
      const next = source[i + 1];
      if (next === undefined) break;
      if (/[a-zA-Z]/.test(next)) {
        let j = i + 1;
        while (j < n && /[a-zA-Z]/.test(source[j]!)) j++;
        const name = source.slice(i + 1, j);
        let k = j;
        if (source[k] === '-' && /\d/.test(source[k + 1] ?? '')) k++;
        while (k < n && /\d/.test(source[k]!)) k++;
        const digits = source.slice(j, k);
        // A space after a control word delimits it and is not text.
        i = source[k] === ' ' ? k + 1 : k;
        top().children.push(digits ? { t: 'word', name, param: Number.parseInt(digits, 10) } : { t: 'word', name });
        // \binN: N raw bytes follow (picture data); skip them whole.
        if (name === 'bin' && digits) i += Math.max(0, Number.parseInt(digits, 10));
      } else if (next === "'") {
        const value = Number.parseInt(source.slice(i + 2, i + 4), 16);
        if (!Number.isNaN(value)) top().children.push({ t: 'byte', value });
        i += 4;
      } else if (next === '\r' || next === '\n') {
        // "\" before a line end is a paragraph mark (as \par).
        top().children.push({ t: 'word', name: 'par' });
        i += 2;
      } else {
        top().children.push({ t: 'symbol', char: next });
        i += 2;
      }
    } else if (c === '\r' || c === '\n') {
      i++;
    } else {
      text += c;
      i++;
    }
  }
  flushText();
  return root;
}
