/** The q parameter of a reader route, e.g. #/doc/abc123?q=budget: the search that led here. */
export function queryOfHash(hash: string): string | null {
  const at = hash.indexOf('?');
  if (at < 0) return null;
  const q = new URLSearchParams(hash.slice(at + 1)).get('q');
  return q?.trim() ? q : null;
}

/** The annotation parameter of a reader route, e.g. #/doc/abc123?annotation=xyz: go to it and flash it. */
export function annotationOfHash(hash: string): string | null {
  const at = hash.indexOf('?');
  if (at < 0) return null;
  return new URLSearchParams(hash.slice(at + 1)).get('annotation')?.trim() || null;
}
