import { useEffect } from 'react';

const ROUTE = 'marginalia.lastRoute';
const SCROLL = 'marginalia.scroll';

const storage = (): Storage | null => {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
};

/** On start with no address of its own, the window goes back to where it was (the open document). */
export function restoreLastRoute(): void {
  const saved = storage()?.getItem(ROUTE);
  if (saved && (!window.location.hash || window.location.hash === '#/') && saved.startsWith('#/')) {
    window.history.replaceState(null, '', saved);
  }
}

function savedScroll(): Record<string, number> {
  try {
    return JSON.parse(storage()?.getItem(SCROLL) ?? '{}') as Record<string, number>;
  } catch {
    return {};
  }
}

/** The scroll position of a route, as it was when the window last showed it. */
export const scrollFor = (hash: string): number => savedScroll()[hash] ?? 0;

/** Remembers the route and, a little after each scroll, its position (the last 50 routes). */
export function useSessionMemory(): void {
  useEffect(() => {
    const saveRoute = () => storage()?.setItem(ROUTE, window.location.hash || '#/');
    let timer = 0;
    const onScroll = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        const all = savedScroll();
        delete all[window.location.hash];
        all[window.location.hash] = Math.round(window.scrollY);
        const kept = Object.entries(all).slice(-50);
        storage()?.setItem(SCROLL, JSON.stringify(Object.fromEntries(kept)));
      }, 250);
    };
    saveRoute();
    window.addEventListener('hashchange', saveRoute);
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      window.removeEventListener('hashchange', saveRoute);
      window.removeEventListener('scroll', onScroll);
      window.clearTimeout(timer);
    };
  }, []);
}
