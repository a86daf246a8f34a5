import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IMPORT_LIMIT_RANGE, type ImportLimits } from '../../../shared/model';
import { useAppStore } from '../../store';

type Status = { kind: 'idle' | 'saving' | 'saved' } | { kind: 'failed'; message: string };
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
  const [draft, setDraft] = useState(() => asText(limits));
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  useEffect(() => setDraft(asText(limits)), [limits]);

  const save = async () => {
    setStatus({ kind: 'saving' });
    const failure = await saveImportLimits({ maxFileMb: Number(draft.maxFileMb), timeoutSeconds: Number(draft.timeoutSeconds) });
    setStatus(failure ? { kind: 'failed', message: failure } : { kind: 'saved' });
  };

  return (
    <form
      className="settings-form"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
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
      <div className="title-actions">
        <button type="submit" className="button-primary" disabled={status.kind === 'saving'}>
          {t('importLimits.save')}
        </button>
        {/* Rendered only with something to say: the colour form above has the page's other status. */}
        {status.kind !== 'idle' && (
          <span role="status" aria-label={t('importLimits.status')} className={status.kind === 'failed' ? 'field-error' : 'hint'}>
            {status.kind === 'saving' && t('importLimits.saving')}
            {status.kind === 'saved' && t('importLimits.saved')}
            {status.kind === 'failed' && t('importLimits.notSaved', { message: status.message })}
          </span>
        )}
      </div>
    </form>
  );
}
