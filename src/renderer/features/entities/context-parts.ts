/** "… the [CAS] and …" → the words before, the occurrence, the words after (tag-all's context). */
export function contextParts(context: string, text: string): [string, string, string] {
  const marked = `[${text}]`;
  const at = context.indexOf(marked);
  if (at < 0) return [context, '', ''];
  return [context.slice(0, at), text, context.slice(at + marked.length)];
}
