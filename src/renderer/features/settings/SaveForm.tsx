import { useState, type ReactNode } from 'react';

export interface SaveFormText {
  save: string;
  saving: string;
  saved: string;
  notSaved: (message: string) => string;
  /** names the status when the page has more than one */
  status?: string;
}

type Status = { kind: 'idle' | 'saving' | 'saved' } | { kind: 'failed'; message: string };

/**
 * A settings form: its fields, a Save button, and a live status (saving, saved, or why
 * not) that follows the durable write. `save` answers null or what went wrong.
 * `alwaysShowStatus` keeps the (empty) status in the page from the start.
 */
export function SaveForm({ save, text, alwaysShowStatus = false, children }: { save: () => Promise<string | null>; text: SaveFormText; alwaysShowStatus?: boolean; children: ReactNode }) {
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const submit = async () => {
    setStatus({ kind: 'saving' });
    const failure = await save();
    setStatus(failure ? { kind: 'failed', message: failure } : { kind: 'saved' });
  };
  return (
    <form
      className="settings-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      {children}
      <div className="title-actions">
        <button type="submit" className="button-primary" disabled={status.kind === 'saving'}>
          {text.save}
        </button>
        {(alwaysShowStatus || status.kind !== 'idle') && (
          <span role="status" aria-label={text.status} className={status.kind === 'failed' ? 'field-error' : 'hint'}>
            {status.kind === 'saving' && text.saving}
            {status.kind === 'saved' && text.saved}
            {status.kind === 'failed' && text.notSaved(status.message)}
          </span>
        )}
      </div>
    </form>
  );
}
