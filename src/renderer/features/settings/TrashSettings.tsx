import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TRASH_RETENTION_RANGE } from '../../../shared/model';
import { useAppStore } from '../../store';
import { SaveForm } from './SaveForm';

/** The archive-wide setting: documents in the trash longer than N days are removed for good when the archive opens. */
export function TrashSettings() {
  const { t } = useTranslation();
  const days = useAppStore((s) => s.trashRetentionDays);
  const loadTrash = useAppStore((s) => s.loadTrash);
  const save = useAppStore((s) => s.saveTrashRetention);
  const [never, setNever] = useState(days === null);
  const [draft, setDraft] = useState(String(days ?? 30));
  useEffect(() => void loadTrash(), [loadTrash]);
  useEffect(() => {
    setNever(days === null);
    if (days !== null) setDraft(String(days));
  }, [days]);

  const text = {
    save: t('trash.save'),
    status: t('trash.status'),
    saving: t('trash.saving'),
    saved: t('trash.saved'),
    notSaved: (message: string) => t('trash.notSaved', { message }),
  };
  const [min, max] = TRASH_RETENTION_RANGE;
  return (
    <SaveForm save={() => save(never ? null : Number(draft))} text={text}>
      <fieldset>
        <legend>{t('trash.settingsHeading')}</legend>
        <p className="hint">{t('trash.settingsHint')}</p>
        <label className="check">
          <input type="radio" name="trash-retention" checked={never} onChange={() => setNever(true)} />
          {t('trash.retentionNeverOption')}
        </label>
        <label className="check">
          <input type="radio" name="trash-retention" checked={!never} onChange={() => setNever(false)} />
          {t('trash.retentionAfter')}
        </label>
        <div className="limit-setting">
          <label htmlFor="trash-retention-days">{t('trash.retentionLabel')}</label>
          <input
            id="trash-retention-days"
            type="number"
            inputMode="numeric"
            required={!never}
            disabled={never}
            min={min}
            max={max}
            step={1}
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
          />
          <span className="hint">{t('importLimits.range', { min, max })}</span>
        </div>
      </fieldset>
    </SaveForm>
  );
}
