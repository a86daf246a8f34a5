/**
 * Where the reader was in each document: the first block in view (its offset into the text)
 * and how far its top was from the top of the window. Offsets survive re-rendering and
 * virtualisation where a pixel scrollY would not. The last LIMIT documents are kept.
 */
export interface ReadingPosition {
  offset: number;
  /** the block's top, in px from the viewport's top (≤ 0 when it starts above it) */
  top: number;
}

type Entry = [docId: string, offset: number, top: number];

const KEY = 'marginalia.readingPositions';
export const LIMIT = 200;

const isEntry = (value: unknown): value is Entry =>
  Array.isArray(value) && value.length === 3 && typeof value[0] === 'string' && Number.isInteger(value[1]) && value[1] >= 0 && Number.isFinite(value[2]);

/** Whatever is stored, checked entry by entry: damage loses an entry, never the reader. */
export function parsePositions(raw: string | null): Entry[] {
  if (!raw) return [];
  try {
    const value: unknown = JSON.parse(raw);
    return Array.isArray(value) ? value.filter(isEntry) : [];
  } catch {
    return [];
  }
}

/** The list with this document's position last (most recent), or without it; at most `limit` entries. */
export function withPosition(entries: readonly Entry[], docId: string, position: ReadingPosition | null, limit = LIMIT): Entry[] {
  const others = entries.filter(([id]) => id !== docId);
  const next: Entry[] = position ? [...others, [docId, position.offset, Math.round(position.top)]] : others;
  return next.slice(Math.max(0, next.length - limit));
}

export function findPosition(entries: readonly Entry[], docId: string): ReadingPosition | null {
  const entry = entries.find(([id]) => id === docId);
  return entry ? { offset: entry[1], top: entry[2] } : null;
}

const storage = (): Storage | null => {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
};

export const loadPosition = (docId: string): ReadingPosition | null => findPosition(parsePositions(storage()?.getItem(KEY) ?? null), docId);

/** null forgets the document's position (it is at the top). */
export function savePosition(docId: string, position: ReadingPosition | null): void {
  const store = storage();
  if (!store) return;
  try {
    store.setItem(KEY, JSON.stringify(withPosition(parsePositions(store.getItem(KEY)), docId, position)));
  } catch {
    // storage full or disabled: the position is lost, nothing else
  }
}
