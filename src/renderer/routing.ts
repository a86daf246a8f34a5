import { useSyncExternalStore } from 'react';

/** Hash routes, so a reload (or the Electron app:// page) keeps the open document. */
export type Route = { name: 'library' } | { name: 'document'; id: string } | { name: 'review'; id: string } | { name: 'entities' } | { name: 'entity'; id: string } | { name: 'trash' } | { name: 'repairs' };

export function parseRoute(hash: string): Route {
  const review = /^#\/review\/([^/?#]+)/.exec(hash);
  if (review?.[1]) return { name: 'review', id: decodeURIComponent(review[1]) };
  const match = /^#\/doc\/([^/?#]+)/.exec(hash);
  if (match?.[1]) return { name: 'document', id: decodeURIComponent(match[1]) };
  const entity = /^#\/entities(?:\/([^/?#]+))?\/?(?:[?#].*)?$/.exec(hash);
  if (entity) return entity[1] ? { name: 'entity', id: decodeURIComponent(entity[1]) } : { name: 'entities' };
  if (/^#\/trash\/?(?:[?#].*)?$/.test(hash)) return { name: 'trash' };
  if (/^#\/repairs\/?$/.test(hash)) return { name: 'repairs' };
  return { name: 'library' };
}

export const libraryHref = '#/';
export const documentHref = (id: string) => `#/doc/${encodeURIComponent(id)}`;
export const entitiesHref = '#/entities';
/** The reviewer view of a document's layers (#18). */
export const reviewHref = (id: string) => `#/review/${encodeURIComponent(id)}`;
export const trashHref = '#/trash';
export const repairsHref = '#/repairs';
export const entityHref = (id: string) => `#/entities/${encodeURIComponent(id)}`;
/** The reader at one annotation: it scrolls there and flashes it. */
export const annotationHref = (docId: string, annotationId: string) => `${documentHref(docId)}?annotation=${encodeURIComponent(annotationId)}`;

function subscribe(onChange: () => void) {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
