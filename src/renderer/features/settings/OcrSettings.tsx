import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { OcrSettings as Settings } from '../../../shared/model';
import { useAppStore } from '../../store';
import { SaveForm } from './SaveForm';
import { useDraft } from './use-draft';

/** Settings → Import → OCR: whether scans are read on import, and in which of the installed languages. */
export function OcrSettings() {
  const { t } = useTranslation();
  const settings = useAppStore((s) => s.ocrSettings);
  const installed = useAppStore((s) => s.ocrInstalled);
  const loadOcr = useAppStore((s) => s.loadOcr);
  const saveOcrSettings = useAppStore((s) => s.saveOcrSettings);
  const [draft, setDraft, saving] = useDraft<Settings>(settings);
  useEffect(() => void loadOcr(), [loadOcr]);
  const chosen = draft.languages.split('+');
  const toggle = (code: string, on: boolean) => {
    const next = on ? [...chosen, code] : chosen.filter((c) => c !== code);
    setDraft({ ...draft, languages: next.join('+') });
  };
  const text = { save: t('ocr.save'), status: t('ocr.status'), saving: t('ocr.saving'), saved: t('ocr.saved'), notSaved: (message: string) => t('ocr.notSaved', { message }) };
  return (
    <SaveForm save={() => (chosen.length ? saving(() => saveOcrSettings(draft)) : Promise.resolve(t('ocr.noLanguage')))} text={text}>
      <fieldset>
        <legend>{t('ocr.heading')}</legend>
        <p className="hint">{t('ocr.hint')}</p>
        <label className="checkbox-setting">
          <input type="checkbox" checked={draft.mode === 'auto'} onChange={(event) => setDraft({ ...draft, mode: event.target.checked ? 'auto' : 'off' })} />
          {t('ocr.onImport')}
        </label>
        <div role="group" aria-label={t('ocr.languages')} className="ocr-languages">
          <span>{t('ocr.languages')}</span>
          {installed.map((code) => (
            <label key={code} className="checkbox-setting">
              <input type="checkbox" checked={chosen.includes(code)} onChange={(event) => toggle(code, event.target.checked)} />
              {t(`ocr.language.${code}`, { defaultValue: code })}
            </label>
          ))}
        </div>
        <p className="hint">{t('ocr.moreLanguages')}</p>
      </fieldset>
    </SaveForm>
  );
}
