import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation();
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
    <Dialog title={t('passwordDialog.title', { file })} onClose={onClose}>
      <form className="details-form" onSubmit={(e) => void submit(e)}>
        <p className="hint">{t('passwordDialog.hint')}</p>
        <label className="field">
          <span>{t('passwordDialog.label')}</span>
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
            {t('common.cancel')}
          </button>
          <button type="submit" className="button-primary" disabled={busy || !password}>
            {t('passwordDialog.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
