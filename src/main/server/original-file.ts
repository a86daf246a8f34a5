import { readFile } from 'node:fs/promises';

/** Where the page view asks for a PDF's own bytes: GET <origin>/original/<docId>, in browser mode and under app:// alike. */
export const ORIGINAL_ROUTE = '/original/';

/** The id in an /original/<id> path; null for any other path or an id that is not one of ours. */
export function originalIdOf(pathname: string): string | null {
  if (!pathname.startsWith(ORIGINAL_ROUTE)) return null;
  const id = pathname.slice(ORIGINAL_ROUTE.length);
  return /^[\w-]{1,64}$/.test(id) ? id : null;
}

/** The bytes of a document's original PDF, or null when there is none (unknown id, not a PDF, file gone). */
export async function readOriginalPdf(pathOf: (id: string) => string | null, id: string): Promise<Buffer | null> {
  const path = pathOf(id);
  if (!path) return null;
  try {
    return await readFile(path);
  } catch {
    return null;
  }
}
