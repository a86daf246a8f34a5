import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import { useAppStore } from '../../store';

/** The canonical name as the page's h1; Rename turns it into a field. */
export function EntityNameEditor({ id, name }: { id: string; name: string }) {
  const { t } = useTranslation();
  const update = useAppStore((s) => s.updateEntity);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(name);
  const [error, setError] = useState<string | null>(null);

  if (!editing) {
    return (
      <div className="title-row">
        <h1>{name}</h1>
        <button
          type="button"
          className="button-quiet"
          onClick={() => {
            setDraft(name);
            setEditing(true);
          }}
        >
          {t('common.rename')}
        </button>
      </div>
    );
  }
  return (
    <form
      className="title-form"
      onSubmit={async (event) => {
        event.preventDefault();
        const failure = await update(id, { name: draft });
        setError(failure);
        if (!failure) setEditing(false);
      }}
    >
      <input
        aria-label={t('page.canonical')}
        className="title-input"
        value={draft}
        autoFocus
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') setEditing(false);
        }}
      />
      <div className="title-actions">
        <button type="submit" className="button-primary">
          {t('common.save')}
        </button>
        <button type="button" className="button-secondary" onClick={() => setEditing(false)}>
          {t('common.cancel')}
        </button>
      </div>
      {error && (
        <p role="alert" className="field-error">
          {t('common.couldNotRename', { error })}
        </p>
      )}
    </form>
  );
}
