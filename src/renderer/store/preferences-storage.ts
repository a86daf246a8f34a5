import type { Combo } from '../commands/keys';
import type { LanguageChoice } from '../i18n';

export type ThemeChoice = 'system' | 'light' | 'dark';

/** What this window remembers between starts (localStorage works in both shells). */
export interface Preferences {
  theme: ThemeChoice;
  language: LanguageChoice;
  /** command id → its combos, only where the user changed the default */
  keys: Record<string, Combo[]>;
}

const KEY = 'marginalia.preferences';
const THEMES: readonly string[] = ['system', 'light', 'dark'];
const LANGUAGE_CHOICES: readonly string[] = ['system', 'en', 'zh-CN'];

export const defaultPreferences = (): Preferences => ({ theme: 'system', language: 'system', keys: {} });

/** Whatever is stored, checked field by field: a damaged entry falls back to the default, not to a crash. */
export function parsePreferences(raw: string | null): Preferences {
  const prefs = defaultPreferences();
  if (!raw) return prefs;
  try {
    const value = JSON.parse(raw) as Partial<Record<keyof Preferences, unknown>>;
    if (typeof value.theme === 'string' && THEMES.includes(value.theme)) prefs.theme = value.theme as ThemeChoice;
    if (typeof value.language === 'string' && LANGUAGE_CHOICES.includes(value.language)) prefs.language = value.language as LanguageChoice;
    if (value.keys && typeof value.keys === 'object') {
      for (const [id, combos] of Object.entries(value.keys)) {
        if (Array.isArray(combos) && combos.every((c) => typeof c === 'string')) prefs.keys[id] = combos as Combo[];
      }
    }
  } catch {
    // not JSON: start from the defaults
  }
  return prefs;
}

export function loadPreferences(): Preferences {
  try {
    return parsePreferences(globalThis.localStorage?.getItem(KEY) ?? null);
  } catch {
    return defaultPreferences();
  }
}

export function savePreferences(prefs: Preferences): void {
  try {
    globalThis.localStorage?.setItem(KEY, JSON.stringify(prefs));
  } catch {
    // storage full or disabled: the choice still holds for this session
  }
}
