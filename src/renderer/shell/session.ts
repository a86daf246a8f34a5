import { useEffect } from 'react';

const ROUTE = 'marginalia.lastRoute';

const storage = (): Storage | null => {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
};

/** On start with no address of its own, the window goes back to where it was (the open document). */
export function restoreLastRoute(): void {
  // The reader restores its own position once the text is there (use-reading-position.ts); the browser's guess would fight it.
  if ('scrollRestoration' in window.history) window.history.scrollRestoration = 'manual';
  const saved = storage()?.getItem(ROUTE);
  if (saved && (!window.location.hash || window.location.hash === '#/') && saved.startsWith('#/')) {
    window.history.replaceState(null, '', saved);
  }
}

/** Remembers the route, so that a restart opens the same document (the reader remembers its place in it). */
export function useSessionMemory(): void {
  useEffect(() => {
    const saveRoute = () => storage()?.setItem(ROUTE, window.location.hash || '#/');
    saveRoute();
    window.addEventListener('hashchange', saveRoute);
    return () => window.removeEventListener('hashchange', saveRoute);
  }, []);
}
