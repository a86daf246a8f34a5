import type { Combo } from '../commands/keys';
import type { LanguageChoice } from '../i18n';
import { loadPreferences, savePreferences, type Preferences, type ThemeChoice } from './preferences-storage';
import type { AppState, SliceCreator } from './types';

export type Overlay = 'palette' | 'help' | null;

export interface PreferencesSlice {
  theme: ThemeChoice;
  language: LanguageChoice;
  /** shortcuts the user changed: command id → combos ([] means none) */
  keyOverrides: Record<string, Combo[]>;
  /** the command palette or the shortcuts sheet, when one is open */
  overlay: Overlay;
  setTheme(theme: ThemeChoice): void;
  cycleTheme(): void;
  setLanguage(language: LanguageChoice): void;
  setKeys(commandId: string, combos: Combo[] | null): void;
  resetKeys(): void;
  setOverlay(overlay: Overlay): void;
}

const THEME_ORDER: ThemeChoice[] = ['light', 'dark', 'system'];

const persist = (state: AppState, change: Partial<Preferences>) =>
  savePreferences({ theme: state.theme, language: state.language, keys: state.keyOverrides, ...change });

export const createPreferencesSlice: SliceCreator<PreferencesSlice> = () => (set, get) => {
  const stored = loadPreferences();
  return {
    theme: stored.theme,
    language: stored.language,
    keyOverrides: stored.keys,
    overlay: null,
    setTheme(theme) {
      persist(get(), { theme });
      set({ theme });
    },
    cycleTheme() {
      const at = THEME_ORDER.indexOf(get().theme);
      get().setTheme(THEME_ORDER[(at + 1) % THEME_ORDER.length]!);
    },
    setLanguage(language) {
      persist(get(), { language });
      set({ language });
    },
    setKeys(commandId, combos) {
      const keys = { ...get().keyOverrides };
      if (combos === null) delete keys[commandId];
      else keys[commandId] = combos;
      persist(get(), { keys });
      set({ keyOverrides: keys });
    },
    resetKeys() {
      persist(get(), { keys: {} });
      set({ keyOverrides: {} });
    },
    setOverlay: (overlay) => set({ overlay }),
  };
};
