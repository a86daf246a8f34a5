import { useState } from 'react';
import type { Entity } from '../../../shared/model';
import { useAppStore } from '../../store';

/** The other names an entity goes by: remove one, add one. */
export function AliasEditor({ entity }: { entity: Entity }) {
  const update = useAppStore((s) => s.updateEntity);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const save = async (aliases: string[]) => {
    const failure = await update(entity.id, { aliases });
    setError(failure);
    return !failure;
  };

  return (
    <section className="alias-editor" aria-labelledby="aliases-heading">
      <h2 id="aliases-heading">Aliases</h2>
      {entity.aliases.length === 0 && <p className="hint">No other names yet.</p>}
      <ul className="alias-list" aria-label="Aliases">
        {entity.aliases.map((alias) => (
          <li key={alias} className="alias-chip">
            {alias}
            <button type="button" aria-label={`Remove alias ${alias}`} onClick={() => void save(entity.aliases.filter((a) => a !== alias))}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <form
        className="alias-form"
        onSubmit={async (event) => {
          event.preventDefault();
          if (draft.trim() && (await save([...entity.aliases, draft.trim()]))) setDraft('');
        }}
      >
        <input aria-label="New alias" placeholder="Another name, e.g. CAS" value={draft} maxLength={200} onChange={(event) => setDraft(event.target.value)} />
        <button type="submit" className="button-secondary" disabled={!draft.trim()}>
          Add alias
        </button>
      </form>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </section>
  );
}
