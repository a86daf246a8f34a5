import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store';
import { Dialog } from '../library/Dialog';

interface Props {
  entity: { id: string; name: string };
  mentions: number;
  /** null: deleted (a toast offers Undo); undefined: cancelled */
  onClose(deleted?: null): void;
}

/** Deleting an entity: its mentions stay unlinked (label kept, still marked) or go, as the user chooses. */
export function DeleteEntityDialog({ entity, mentions, onClose }: Props) {
  const { t } = useTranslation();
  const deleteEntity = useAppStore((s) => s.deleteEntity);
  const [choice, setChoice] = useState<'unlink' | 'remove'>('unlink');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  return (
    <Dialog title={t('entityDelete.title', { name: entity.name })} onClose={() => onClose()} className="entity-delete-dialog">
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          setBusy(true);
          const failure = await deleteEntity(entity.id, choice);
          setBusy(false);
          if (failure) setError(failure);
          else onClose(null);
        }}
      >
        <p>{t('entityDelete.carries', { count: mentions })}</p>
        <fieldset>
          <legend className="visually-hidden">{t('entityDelete.legend')}</legend>
          <label className="check">
            <input type="radio" name="entity-mentions" checked={choice === 'unlink'} onChange={() => setChoice('unlink')} />
            {t('entityDelete.unlink')}
          </label>
          <label className="check">
            <input type="radio" name="entity-mentions" checked={choice === 'remove'} onChange={() => setChoice('remove')} />
            {t('entityDelete.remove')}
          </label>
        </fieldset>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button-secondary" onClick={() => onClose()}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button-danger" disabled={busy}>
            {t('entityDelete.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
