import type { ListedDocument } from '../../../shared/model';

export interface TagNode {
  /** the full path, e.g. "policy/national" */
  tag: string;
  /** the last segment, e.g. "national" */
  name: string;
  /** documents with this tag or one under it */
  count: number;
  children: TagNode[];
}

/** Ancestors of a nested tag and the tag itself: "a/b/c" -> a, a/b, a/b/c. */
export function tagPaths(tag: string): string[] {
  const parts = tag.split('/').filter(Boolean);
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

/**
 * The tag tree with, at each node, how many documents carry that tag or one below it
 * (counted once per document). Tags known to the catalog but on no document show 0.
 */
export function buildTagTree(docs: readonly ListedDocument[], known: readonly string[] = []): TagNode[] {
  const counts = new Map<string, number>();
  for (const tag of known) for (const path of tagPaths(tag)) if (!counts.has(path)) counts.set(path, 0);
  for (const doc of docs) {
    // Most documents carry no tag: nothing is allocated for them (issue #19: 100,000 rows at start).
    if (!doc.tags?.length) continue;
    const paths = new Set(doc.tags.flatMap(tagPaths));
    for (const path of paths) counts.set(path, (counts.get(path) ?? 0) + 1);
  }
  const roots: TagNode[] = [];
  const byPath = new Map<string, TagNode>();
  for (const tag of [...counts.keys()].sort((a, b) => a.localeCompare(b))) {
    const cut = tag.lastIndexOf('/');
    const node: TagNode = { tag, name: cut < 0 ? tag : tag.slice(cut + 1), count: counts.get(tag) ?? 0, children: [] };
    byPath.set(tag, node);
    const parent = cut < 0 ? undefined : byPath.get(tag.slice(0, cut));
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/** "policy, policy/national ,  x" -> ["policy", "policy/national", "x"]: trimmed, no empties, no repeats. */
export function parseTagList(input: string): string[] {
  const tags = input
    .split(/[,，\n]/)
    .map((t) => t.trim().replace(/\s*\/\s*/g, '/').replace(/^\/+|\/+$/g, ''))
    .filter(Boolean);
  return [...new Set(tags)];
}
