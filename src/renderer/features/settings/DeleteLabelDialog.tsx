import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import type { Label } from '../../../shared/model';
import { useAppStore } from '../../store';
import { Dialog } from '../library/Dialog';

interface Props {
  label: Label;
  mentions: number;
  others: Label[];
  /** undefined: cancelled; null: deleted; a string: why it failed */
  onClose(failure?: string | null): void;
}

/** A label in use: delete its mentions with it, or move them to another label. */
export function DeleteLabelDialog({ label, mentions, others, onClose }: Props) {
  const { t } = useTranslation();
  const deleteLabel = useAppStore((s) => s.deleteLabel);
  const [choice, setChoice] = useState<'relabel' | 'delete'>('relabel');
  const [to, setTo] = useState(others[0]?.id ?? '');
  const [busy, setBusy] = useState(false);

  return (
    <Dialog title={t('deleteLabel.title', { name: label.name })} onClose={() => onClose()} className="delete-label-dialog">
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          setBusy(true);
          const failure = await deleteLabel(label.id, choice === 'delete' ? { mentions: 'delete' } : { mentions: 'relabel', to });
          setBusy(false);
          onClose(failure);
        }}
      >
        <p>
          {t('deleteLabel.carries', { count: mentions, id: label.id })}
        </p>
        <fieldset>
          <legend className="visually-hidden">{t('deleteLabel.legend')}</legend>
          <label className="check">
            <input type="radio" name="label-mentions" checked={choice === 'relabel'} onChange={() => setChoice('relabel')} disabled={!others.length} />
            {t('deleteLabel.move')}
          </label>
          <select aria-label={t('deleteLabel.moveTo')} value={to} onChange={(e) => setTo(e.target.value)} disabled={choice !== 'relabel'}>
            {others.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name} ({l.id})
              </option>
            ))}
          </select>
          <label className="check">
            <input type="radio" name="label-mentions" checked={choice === 'delete'} onChange={() => setChoice('delete')} />
            {t('deleteLabel.deleteMentions')}
          </label>
        </fieldset>
        <div className="dialog-actions">
          <button type="button" className="button-secondary" onClick={() => onClose()}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button-primary" disabled={busy || (choice === 'relabel' && !to)}>
            {t('deleteLabel.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
