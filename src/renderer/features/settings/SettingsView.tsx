import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import type { ColorMeaning } from '../../../shared/model';
import { useAppStore } from '../../store';
import { colorChoices } from '../annotations/colors';
import { AppearanceSettings } from './AppearanceSettings';
import { ImportSettings } from './ImportSettings';
import { InboxSettings } from './InboxSettings';
import { RuleSettings } from './RuleSettings';
import { OcrSettings } from './OcrSettings';
import { LabelSettings } from './LabelSettings';
import { RelationTypeSettings } from './RelationTypeSettings';
import { SaveForm } from './SaveForm';
import { ShortcutSettings } from './ShortcutSettings';
import { TrashSettings } from './TrashSettings';
import { TeamSettings } from './TeamSettings';
import { useDraft } from './use-draft';

/** What each highlight colour means in this archive ("Important", "Question"): shared by everyone who opens it. */
export function SettingsView() {
  const { t } = useTranslation();
  const meanings = useAppStore((s) => s.colorMeanings);
  const loadSettings = useAppStore((s) => s.loadSettings);
  const saveColorMeanings = useAppStore((s) => s.saveColorMeanings);
  const [draft, setDraft, saving] = useDraft<ColorMeaning[]>(meanings);

  useEffect(() => {
    document.title = `${t('settings.title')} — Marginalia`;
    void loadSettings();
  }, [loadSettings, t]);

  const text = { save: t('settings.save'), saving: t('settings.saving'), saved: t('settings.saved'), notSaved: (message: string) => t('settings.notSaved', { message }) };

  return (
    <main className="settings">
      <Breadcrumbs />
      <h1>{t('settings.title')}</h1>
      <AppearanceSettings />
      <SaveForm save={() => saving(() => saveColorMeanings(draft))} text={text} alwaysShowStatus>
        <fieldset>
          <legend>{t('settings.colours')}</legend>
          <p className="hint">{t('settings.coloursHint')}</p>
          {colorChoices(draft).map(({ color, title, meaning }) => (
            <label key={color} className="color-setting">
              <span className={`color-dot dot-${color}`} aria-hidden="true" />
              <span className="color-setting-title">{title}</span>
              <input
                aria-label={t('settings.meaningOf', { colour: title.toLowerCase() })}
                value={meaning}
                maxLength={60}
                onChange={(event) => setDraft(draft.map((m) => (m.color === color ? { ...m, name: event.target.value } : m)))}
              />
            </label>
          ))}
        </fieldset>
      </SaveForm>
      <ImportSettings />
      <InboxSettings />
      <RuleSettings />
      <TrashSettings />
      <OcrSettings />
      <LabelSettings />
      <RelationTypeSettings />
      <ShortcutSettings />
      <TeamSettings />
    </main>
  );
}
