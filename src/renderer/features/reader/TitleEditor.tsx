import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store';

/** The document title as the page's h1; Rename (or a double-click) turns it into a field: Enter saves, Escape cancels. */
export function TitleEditor({ id, title }: { id: string; title: string }) {
  const { t } = useTranslation();
  const renameDocument = useAppStore((s) => s.renameDocument);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(title);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const renameButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  useEffect(() => {
    if (editing) input.current?.select();
    else if (returnFocus.current) {
      returnFocus.current = false;
      renameButton.current?.focus();
    }
  }, [editing]);

  const start = () => {
    setDraft(title);
    setError(null);
    setEditing(true);
  };
  const stop = () => {
    returnFocus.current = true;
    setEditing(false);
    setError(null);
  };
  const save = async () => {
    if (draft.trim() === title) return stop();
    setSaving(true);
    const failure = await renameDocument(id, draft);
    setSaving(false);
    if (failure) setError(failure);
    else stop();
  };

  if (!editing) {
    return (
      <div className="title-row">
        <h1 className="doc-title" onDoubleClick={start}>
          {title}
        </h1>
        <button ref={renameButton} type="button" className="button-quiet" onClick={start}>
          {t('reader.rename')}
        </button>
      </div>
    );
  }
  return (
    <form
      className="title-form"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <input
        ref={input}
        className="title-input"
        aria-label={t('title.label')}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'title-error' : 'title-help'}
        value={draft}
        disabled={saving}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            stop();
          }
        }}
      />
      <div className="title-actions">
        <button type="submit" className="button-primary" disabled={saving}>
          {t('common.save')}
        </button>
        <button type="button" className="button-secondary" onClick={stop} disabled={saving}>
          {t('common.cancel')}
        </button>
        <span id="title-help" className="hint">
          {t('common.editHint')}
        </span>
      </div>
      {error && (
        <p id="title-error" role="alert" className="field-error">
          {t('common.couldNotRename', { error })}
        </p>
      )}
    </form>
  );
}
