import { useState, type FormEvent } from 'react';
import { Dialog } from './Dialog';

interface Props {
  file: string;
  /** answers null when the file imported, or why not */
  onSubmit(password: string): Promise<string | null>;
  onClose(): void;
}

/** Asks for an encrypted PDF's password; a wrong one says so and lets the user try again. */
export function PasswordDialog({ file, onSubmit, onClose }: Props) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!password) return;
    setBusy(true);
    const failure = await onSubmit(password);
    setBusy(false);
    if (failure) setError(failure);
    else onClose();
  }

  return (
    <Dialog title={`Password for ${file}`} onClose={onClose}>
      <form className="details-form" onSubmit={(e) => void submit(e)}>
        <p className="hint">This PDF is encrypted. The password is used for this import only and is not stored.</p>
        <label className="field">
          <span>Password</span>
          <input
            type="password"
            autoComplete="off"
            autoFocus
            value={password}
            aria-invalid={error ? true : undefined}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        {error && (
          <p role="alert" className="field-error">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button-secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button-primary" disabled={busy || !password}>
            Import
          </button>
        </div>
      </form>
    </Dialog>
  );
}
