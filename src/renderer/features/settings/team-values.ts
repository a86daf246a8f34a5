/** A conflicting value as the Sync conflicts list shows it: text as it is, a note as its words, the rest as JSON. */
export function describeValue(value: unknown, max = 200): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (value === undefined || value === null) text = '—';
  else if (typeof value === 'object' && (value as { type?: unknown }).type === 'doc') text = richText(value).trim() || '—';
  else text = JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function richText(node: unknown): string {
  if (!node || typeof node !== 'object') return '';
  const { text, content, type } = node as { text?: unknown; content?: unknown; type?: unknown };
  const own = typeof text === 'string' ? text : '';
  const inner = Array.isArray(content) ? content.map(richText).join('') : '';
  return own + inner + (type === 'paragraph' || type === 'heading' ? '\n' : '');
}

/** A field's path as a user reads it: a document's metadata fields by their own names ("title", not "meta.title"). */
export const fieldName = (path: string): string => path.replace(/^meta\./, '');
