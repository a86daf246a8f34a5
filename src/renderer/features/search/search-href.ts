/** Where a search result opens: the reader, told the query so it can show the hits. */
export const searchResultHref = (id: string, query: string): string => `#/doc/${encodeURIComponent(id)}?q=${encodeURIComponent(query)}`;

/** True when a key press happens while the user types somewhere (so `/` is theirs, not a shortcut). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const el = target as HTMLElement;
  if (el.isContentEditable) return true;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (el as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(type);
}
