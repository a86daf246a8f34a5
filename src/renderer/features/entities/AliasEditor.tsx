import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import type { Entity } from '../../../shared/model';
import { useAppStore } from '../../store';

/** The other names an entity goes by: remove one, add one. */
export function AliasEditor({ entity }: { entity: Entity }) {
  const { t } = useTranslation();
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
      <h2 id="aliases-heading">{t('ui.aliases')}</h2>
      {entity.aliases.length === 0 && <p className="hint">{t('aliases.none')}</p>}
      <ul className="alias-list" aria-label={t('ui.aliases')}>
        {entity.aliases.map((alias) => (
          <li key={alias} className="alias-chip">
            {alias}
            <button type="button" aria-label={t('aliases.remove', { alias })} onClick={() => void save(entity.aliases.filter((a) => a !== alias))}>
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
        <input aria-label={t('aliases.new')} placeholder={t('aliases.placeholder')} value={draft} maxLength={200} onChange={(event) => setDraft(event.target.value)} />
        <button type="submit" className="button-secondary" disabled={!draft.trim()}>
          {t('aliases.add')}
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
