/** Who may do what on the team server. One place, so every route asks the same question. */
export const ROLES = ['admin', 'reviewer', 'annotator'] as const;
export type Role = (typeof ROLES)[number];

import { RECORD_KINDS, type RecordKind } from '../../shared/model/team';

export { RECORD_KINDS, type RecordKind };

/** Kinds tied to one document (and so to its project). */
export const DOC_KINDS: readonly RecordKind[] = ['document', 'note', 'annotation'];

/**
 * An annotator writes their own annotations and the entity registry they tag with; reviewers
 * and admins write everything (a reviewer curates the gold layer, fixes titles, files documents).
 */
export function writableKinds(role: Role): readonly RecordKind[] {
  return role === 'annotator' ? ['annotation', 'entity'] : RECORD_KINDS;
}

/** An error with the HTTP status the server answers it with. */
export class TeamError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
