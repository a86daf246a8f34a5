import type { Annotation } from './annotation';

/**
 * Layers (issue #18): every annotation belongs to its author, and a layer is the set of one
 * author's annotations. Annotations written before layers existed, or while the archive has
 * no user name, carry no `author`: they are the local user's (no migration rewrites them).
 */

/** The reviewer's curated layer: a reserved author name, exported like any other layer. */
export const GOLD_LAYER = 'gold';

/** What the local user's layer is called while no name is set (Settings → Team → Your name). */
export const DEFAULT_USER = 'me';

/** A layer (author) name: what `--layer`, `team.user` and the API accept. */
export const LAYER_NAME_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} ._@-]{0,63}$/u;

/** The user's own layer name: the name set in Settings, else DEFAULT_USER. */
export function userLayer(user: string | undefined): string {
  return user?.trim() || DEFAULT_USER;
}

/** The layer an annotation belongs to: its author, or the local user's where it has none. */
export function layerOf(annotation: Pick<Annotation, 'author'>, user: string | undefined): string {
  return annotation.author ?? userLayer(user);
}

/** The layers present among annotations, the user's own first, gold last, the rest by name. */
export function layersIn(annotations: readonly Pick<Annotation, 'author'>[], user: string | undefined): string[] {
  const own = userLayer(user);
  const names = new Set(annotations.map((a) => layerOf(a, user)));
  const rank = (n: string) => (n === own ? 0 : n === GOLD_LAYER ? 2 : 1);
  return [...names].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** The annotations of one layer. */
export function inLayer<A extends Pick<Annotation, 'author'>>(annotations: readonly A[], layer: string, user: string | undefined): A[] {
  return annotations.filter((a) => layerOf(a, user) === layer);
}

/**
 * What the reader shows as the user's own: entity mentions (and labelled areas) and relations
 * are layered — others' are kept apart, read-only; highlights and comments show whoever wrote
 * them (a Word comment's reviewer), as they always have.
 */
export function splitOwnLayer<A extends Pick<Annotation, 'author' | 'kind' | 'label'>>(
  annotations: readonly A[],
  user: string | undefined,
  /** the layer being edited instead of the user's own (gold, for a reviewer) */
  working?: string | null,
): { own: A[]; others: A[] } {
  const mine = working ?? userLayer(user);
  const own: A[] = [];
  const others: A[] = [];
  for (const a of annotations) {
    const layered = a.kind === 'entity' || a.kind === 'relation' || (a.kind === 'area' && !!a.label);
    (layered && layerOf(a, user) !== mine ? others : own).push(a);
  }
  return { own, others };
}

/**
 * Who writes in this archive (#18): the user's name (Settings → Team, set by sign-in) and,
 * once the archive has signed in to a team server, their role there.
 */
export interface LayerRights {
  user?: string | undefined;
  /** admin | reviewer | annotator; absent: never signed in (the archive's owner curates gold locally) */
  role?: string | null | undefined;
}

/** A layered annotation (splitOwnLayer): entity mentions, labelled areas, relations. */
export const isLayered = (a: Pick<Annotation, 'kind' | 'label'>) => a.kind === 'entity' || a.kind === 'relation' || (a.kind === 'area' && !!a.label);

/**
 * Why the user may not change this annotation, or null. Without a name the archive is one
 * person's: nothing is refused. With one, others' layers are read-only, and the gold layer is
 * read-only to an annotator (a reviewer or admin curates it; so does an archive never signed in).
 * Highlights and comments of their own are not layered: a Word comment's reviewer's stay editable.
 */
export function layerWriteRefusal(annotation: Pick<Annotation, 'author' | 'kind' | 'label'>, rights: LayerRights): string | null {
  const user = rights.user?.trim();
  if (!user || !isLayered(annotation)) return null;
  const layer = layerOf(annotation, user);
  if (layer === user) return null;
  if (layer === GOLD_LAYER) return rights.role === 'annotator' ? `The gold layer is read-only to an annotator (${user}): a reviewer curates it.` : null;
  return `This annotation is in ${layer}'s layer: other annotators' layers are read-only to ${user}.`;
}
