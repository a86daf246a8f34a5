/**
 * What a change to the library writes to its log: the documents a draft changed (found by
 * identity: installed documents are frozen, a change makes new objects), those it removed, and
 * the small parts that differ. Apart from LibraryStore.commit so the rule reads on its own.
 */
import type { DocumentMeta } from '../../../shared/model';
import { sameValue } from './library-journal';
import type { LogEntry } from './library-log';
import { defaultSettings, type LibraryFile } from './schemas';

/**
 * The change from `current` (its first `cloned` documents, as the draft was made) to `draft`,
 * as one log entry numbered after `seq`, or null. `listed`: the documents as installed (by id);
 * `unlogged`: those add() listed whose log line is not written yet.
 */
export function logEntryOf(current: LibraryFile, cloned: number, draft: LibraryFile, listed: ReadonlyMap<string, DocumentMeta>, unlogged: ReadonlySet<string>, seq: number): LogEntry | null {
  const entry: LogEntry = { seq: seq + 1, at: new Date().toISOString() };
  const upsert: DocumentMeta[] = [];
  const asImported: string[] = [];
  let kept = 0;
  for (const doc of draft.documents) {
    const before = listed.get(doc.id);
    if (before) kept++;
    if (before !== doc || unlogged.has(doc.id)) upsert.push(doc);
    // Listed by add() (or from its folder) and unchanged since: its meta.json holds it.
    if (before === doc && unlogged.has(doc.id)) asImported.push(doc.id);
  }
  // apply() runs synchronously: nothing was added since the draft was made.
  if (kept < cloned) {
    const inDraft = new Set(draft.documents.map((d) => d.id));
    const remove = current.documents.slice(0, cloned).flatMap((d) => (inDraft.has(d.id) ? [] : [d.id]));
    if (remove.length) entry.remove = remove;
  }
  if (upsert.length) entry.upsert = upsert;
  if (asImported.length) entry.asImported = asImported;
  for (const key of ['settings', 'collections', 'savedSearches', 'trash'] as const) {
    if (!sameValue(current[key] ?? null, draft[key] ?? null)) (entry as unknown as Record<string, unknown>)[key] = draft[key] ?? (key === 'settings' ? defaultSettings() : []);
  }
  return Object.keys(entry).length > 2 ? entry : null;
}
