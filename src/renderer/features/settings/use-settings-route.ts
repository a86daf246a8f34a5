import { useSyncExternalStore } from 'react';

export const settingsHref = '#/settings';

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

/** True while the window shows #/settings. */
export function useSettingsRoute(): boolean {
  return useSyncExternalStore(subscribe, () => window.location.hash.startsWith(settingsHref));
}
