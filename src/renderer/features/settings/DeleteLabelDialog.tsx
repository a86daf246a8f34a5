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
  const deleteLabel = useAppStore((s) => s.deleteLabel);
  const [choice, setChoice] = useState<'relabel' | 'delete'>('relabel');
  const [to, setTo] = useState(others[0]?.id ?? '');
  const [busy, setBusy] = useState(false);

  return (
    <Dialog title={`Delete the label ${label.name}?`} onClose={() => onClose()} className="delete-label-dialog">
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
          {mentions} {mentions === 1 ? 'mention carries' : 'mentions carry'} the label {label.id}. What should happen to {mentions === 1 ? 'it' : 'them'}?
        </p>
        <fieldset>
          <legend className="visually-hidden">Its mentions</legend>
          <label className="check">
            <input type="radio" name="label-mentions" checked={choice === 'relabel'} onChange={() => setChoice('relabel')} disabled={!others.length} />
            Move the mentions to
          </label>
          <select aria-label="Label to move the mentions to" value={to} onChange={(e) => setTo(e.target.value)} disabled={choice !== 'relabel'}>
            {others.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name} ({l.id})
              </option>
            ))}
          </select>
          <label className="check">
            <input type="radio" name="label-mentions" checked={choice === 'delete'} onChange={() => setChoice('delete')} />
            Delete the mentions
          </label>
        </fieldset>
        <div className="dialog-actions">
          <button type="button" className="button-secondary" onClick={() => onClose()}>
            Cancel
          </button>
          <button type="submit" className="button-primary" disabled={busy || (choice === 'relabel' && !to)}>
            Delete label
          </button>
        </div>
      </form>
    </Dialog>
  );
}
