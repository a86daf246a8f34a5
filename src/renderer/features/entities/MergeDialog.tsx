import { useState } from 'react';
import type { EntitySummary } from '../../../shared/model';
import { useAppStore } from '../../store';
import { Dialog } from '../library/Dialog';

/** Merge several entities into the one the user keeps: mentions move over, the other names become aliases. */
export function MergeDialog({ entities, onClose }: { entities: EntitySummary[]; onClose(merged: boolean): void }) {
  const merge = useAppStore((s) => s.mergeEntities);
  const [into, setInto] = useState(entities[0]!.id);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  return (
    <Dialog title={`Merge ${entities.length} entities`} onClose={() => onClose(false)} className="merge-dialog">
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
          <legend>Keep which entity?</legend>
          {entities.map((e) => (
            <label key={e.id} className="check">
              <input type="radio" name="merge-into" value={e.id} checked={into === e.id} onChange={() => setInto(e.id)} />
              {e.name} <span className="hint">({e.label}, {e.mentionCount} mentions)</span>
            </label>
          ))}
        </fieldset>
        <p className="hint">The others&rsquo; mentions move to it; their names become its aliases.</p>
        {error && (
          <p role="alert" className="field-error">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button-secondary" onClick={() => onClose(false)}>
            Cancel
          </button>
          <button type="submit" className="button-primary" disabled={busy}>
            Merge
          </button>
        </div>
      </form>
    </Dialog>
  );
}
