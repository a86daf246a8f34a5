import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import type { EntitySummary } from '../../../shared/model';
import { useAppStore } from '../../store';
import { Dialog } from '../library/Dialog';

/** Merge several entities into the one the user keeps: mentions move over, the other names become aliases. */
export function MergeDialog({ entities, onClose }: { entities: EntitySummary[]; onClose(merged: boolean): void }) {
  const { t } = useTranslation();
  const merge = useAppStore((s) => s.mergeEntities);
  const [into, setInto] = useState(entities[0]!.id);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  return (
    <Dialog title={t('merge.title', { count: entities.length })} onClose={() => onClose(false)} className="merge-dialog">
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          setBusy(true);
          const failure = await merge(into, entities.map((e) => e.id));
          setBusy(false);
          if (failure) setError(failure);
          else onClose(true);
        }}
      >
        <fieldset>
          <legend>{t('merge.keep')}</legend>
          {entities.map((e) => (
            <label key={e.id} className="check">
              <input type="radio" name="merge-into" value={e.id} checked={into === e.id} onChange={() => setInto(e.id)} />
              {e.name} <span className="hint">{t('merge.detail', { label: e.label, count: e.mentionCount })}</span>
            </label>
          ))}
        </fieldset>
        <p className="hint">{t('merge.hint')}</p>
        {error && (
          <p role="alert" className="field-error">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button-secondary" onClick={() => onClose(false)}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button-primary" disabled={busy}>
            {t('merge.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
