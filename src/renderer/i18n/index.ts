import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { zhCN } from './zh-CN';

export type Language = 'en' | 'zh-CN';
export type LanguageChoice = Language | 'system';
export const LANGUAGES: readonly Language[] = ['en', 'zh-CN'];

/** zh, zh-CN, zh-Hans-SG… → zh-CN; anything else → en. */
export function languageOf(tag: string | undefined): Language {
  return tag?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export const resolveLanguage = (choice: LanguageChoice): Language => (choice === 'system' ? languageOf(globalThis.navigator?.language) : choice);

export const i18n = i18next.createInstance();

export function initI18n(language: Language): typeof i18n {
  void i18n.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'en',
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  document.documentElement.lang = language;
  i18n.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
  });
  return i18n;
}

/** The interface's locale, for Intl formatters. */
export const currentLocale = (): string => (i18n.isInitialized ? i18n.language : 'en');
