import { ApiError } from '../../../shared/api';
import type { Occurrence } from '../../../shared/model';
import { findOccurrences } from '../../../shared/text/words';
import type { EntityDeps } from './entity-service';

export type { Occurrence } from '../../../shared/model';

const CONTEXT = 40;

/**
 * Occurrences of a mention's text, in its document or across the archive, that are not
 * tagged yet: the preview the user confirms before tag-all applies.
 */
export async function findAll(deps: EntityDeps, docId: string, annotationId: string, scope: 'document' | 'archive', caseSensitive: boolean): Promise<Occurrence[]> {
  const mention = (await deps.annotations.list(docId)).find((a) => a.id === annotationId);
  if (!mention || mention.kind !== 'entity') throw new ApiError('not_found', `No entity mention ${annotationId} in this document.`);
  const needle = mention.target.quote;
  const out: Occurrence[] = [];
  for (const id of scope === 'document' ? [docId] : deps.docIds()) {
    const text = await deps.readText(id);
    const hits = findOccurrences(text, needle, { caseSensitive });
    if (hits.length === 0) continue;
    const tagged = (await deps.annotations.list(id)).filter((a) => a.kind === 'entity').map((a) => a.target);
    for (const hit of hits) {
      if (tagged.some((t) => hit.start < t.end && t.start < hit.end)) continue;
      const context = `${text.slice(Math.max(0, hit.start - CONTEXT), hit.start)}[${text.slice(hit.start, hit.end)}]${text.slice(hit.end, hit.end + CONTEXT)}`.replace(/\s+/g, ' ');
      out.push({ docId: id, title: deps.title(id), ...hit, text: text.slice(hit.start, hit.end), context });
    }
  }
  return out;
}
