import { useSyncExternalStore } from 'react';

/** Hash routes, so a reload (or the Electron app:// page) keeps the open document. */
export type Route = { name: 'library' } | { name: 'document'; id: string };

export function parseRoute(hash: string): Route {
  const match = /^#\/doc\/([^/?#]+)/.exec(hash);
  return match?.[1] ? { name: 'document', id: decodeURIComponent(match[1]) } : { name: 'library' };
}

export const libraryHref = '#/';
export const documentHref = (id: string) => `#/doc/${encodeURIComponent(id)}`;

function subscribe(onChange: () => void) {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
