import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { IMPORT_LIMIT_RANGE, type ImportLimits } from '../../../shared/model';
import { useAppStore } from '../../store';
import { SaveForm } from './SaveForm';
import { useDraft } from './use-draft';

type Limit = keyof ImportLimits;

const LIMITS: { key: Limit; label: string }[] = [
  { key: 'maxFileMb', label: 'importLimits.maxFileMb' },
  { key: 'timeoutSeconds', label: 'importLimits.timeoutSeconds' },
];

const asText = (limits: ImportLimits): Record<Limit, string> => ({ maxFileMb: String(limits.maxFileMb), timeoutSeconds: String(limits.timeoutSeconds) });

/** The archive's limits on one imported file: its size, and how long reading it may take. SettingsView loads them. */
export function ImportSettings() {
  const { t } = useTranslation();
  const limits = useAppStore((s) => s.importLimits);
  const saveImportLimits = useAppStore((s) => s.saveImportLimits);
  // Text, so a field can be empty while typing; the inputs' min, max and step keep a submitted value whole and in range.
  const stored = useMemo(() => asText(limits), [limits]);
  const [draft, setDraft, saving] = useDraft(stored);

  const text = {
    save: t('importLimits.save'),
    status: t('importLimits.status'),
    saving: t('importLimits.saving'),
    saved: t('importLimits.saved'),
    notSaved: (message: string) => t('importLimits.notSaved', { message }),
  };
  // The colour form above has the page's other status, so this one appears only with something to say.
  return (
    <SaveForm save={() => saving(() => saveImportLimits({ maxFileMb: Number(draft.maxFileMb), timeoutSeconds: Number(draft.timeoutSeconds) }))} text={text}>
      <fieldset>
        <legend>{t('importLimits.heading')}</legend>
        <p className="hint">{t('importLimits.hint')}</p>
        {LIMITS.map(({ key, label }) => {
          const [min, max] = IMPORT_LIMIT_RANGE[key];
          return (
            <div key={key} className="limit-setting">
              <label htmlFor={`limit-${key}`}>{t(label)}</label>
              <input
                id={`limit-${key}`}
                type="number"
                inputMode="numeric"
                required
                min={min}
                max={max}
                step={1}
                value={draft[key]}
                aria-describedby={`limit-${key}-range`}
                onChange={(event) => setDraft({ ...draft, [key]: event.target.value })}
              />
              <span id={`limit-${key}-range`} className="hint">
                {t('importLimits.range', { min, max })}
              </span>
            </div>
          );
        })}
      </fieldset>
    </SaveForm>
  );
}
