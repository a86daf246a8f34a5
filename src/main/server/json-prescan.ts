/** Far more than any call of the contract needs (a Tiptap node has a handful of keys). */
export const MAX_OBJECT_KEYS = 1_000;
export const MAX_JSON_DEPTH = 256;

/**
 * One pass over a request body, before JSON.parse: refuses objects wider than
 * MAX_OBJECT_KEYS and nesting deeper than MAX_JSON_DEPTH, so a hostile body cannot make the
 * server build a 100,000-key object (and hash every key) just to be told it is invalid.
 * Answers the reason, or null. Malformed JSON is left for JSON.parse to describe.
 */
export function jsonShapeProblem(text: string): string | null {
  const keys: number[] = []; // per open container: keys seen so far (-1 for an array)
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      keys.push(c === 0x7b ? 0 : -1);
      if (keys.length > MAX_JSON_DEPTH) return `JSON nested deeper than ${MAX_JSON_DEPTH} levels`;
    } else if (c === 0x7d || c === 0x5d) keys.pop();
    else if (c === 0x3a && keys.length > 0 && keys[keys.length - 1]! >= 0) {
      const n = ++keys[keys.length - 1]!;
      if (n > MAX_OBJECT_KEYS) return `a JSON object with more than ${MAX_OBJECT_KEYS} keys`;
    }
  }
  return null;
}
