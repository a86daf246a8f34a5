import { useTranslation } from 'react-i18next';
import type { LanguageChoice } from '../../i18n';
import { useAppStore } from '../../store';
import type { ThemeChoice } from '../../store/preferences-storage';

/** Theme and interface language: this window's own choices, kept in localStorage. */
export function AppearanceSettings() {
  const { t } = useTranslation();
  const theme = useAppStore((s) => s.theme);
  const language = useAppStore((s) => s.language);
  const setTheme = useAppStore((s) => s.setTheme);
  const setLanguage = useAppStore((s) => s.setLanguage);
  const themes: [ThemeChoice, string][] = [
    ['system', t('settings.themeSystem')],
    ['light', t('settings.themeLight')],
    ['dark', t('settings.themeDark')],
  ];
  return (
    <section className="settings-section" aria-labelledby="appearance-heading">
      <h2 id="appearance-heading">{t('settings.appearance')}</h2>
      <fieldset className="choice-row">
        <legend>{t('settings.theme')}</legend>
        {themes.map(([value, label]) => (
          <label key={value} className="choice">
            <input type="radio" name="theme" value={value} checked={theme === value} onChange={() => setTheme(value)} />
            {label}
          </label>
        ))}
      </fieldset>
      <label className="select-row">
        <span>{t('settings.language')}</span>
        <select value={language} onChange={(event) => setLanguage(event.target.value as LanguageChoice)}>
          <option value="system">{t('settings.languageSystem')}</option>
          <option value="en" lang="en">
            English
          </option>
          <option value="zh-CN" lang="zh-CN">
            简体中文
          </option>
        </select>
      </label>
    </section>
  );
}
