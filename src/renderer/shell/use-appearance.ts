import { useEffect, useSyncExternalStore } from 'react';
import { i18n, resolveLanguage } from '../i18n';
import { useAppStore } from '../store';

const DARK = '(prefers-color-scheme: dark)';
const subscribeScheme = (onChange: () => void) => {
  const query = window.matchMedia(DARK);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
};

/** The theme on <html data-theme> (styles/themes.css), following the system when the user chose so. */
export function useTheme(): void {
  const choice = useAppStore((s) => s.theme);
  const systemDark = useSyncExternalStore(subscribeScheme, () => window.matchMedia(DARK).matches);
  const theme = choice === 'system' ? (systemDark ? 'dark' : 'light') : choice;
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
}

/** The interface language, following navigator.language when the user chose "system". */
export function useLanguage(): void {
  const choice = useAppStore((s) => s.language);
  useEffect(() => {
    const language = resolveLanguage(choice);
    if (i18n.language !== language) void i18n.changeLanguage(language);
  }, [choice]);
}
