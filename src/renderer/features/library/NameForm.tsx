import { useTranslation } from 'react-i18next';
import { useId, useState, type FormEvent } from 'react';

interface Props {
  label: string;
  submitLabel: string;
  initial?: string;
  /** answers null on success, or why it failed */
  onSubmit(name: string): Promise<string | null>;
  onDone(): void;
}

/** One labelled name field with submit and cancel (Escape); the core's reason shows under it. */
export function NameForm({ label, submitLabel, initial = '', onSubmit, onDone }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useState(initial);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const failure = await onSubmit(name);
    if (failure) setError(failure);
    else onDone();
  }

  return (
    <form className="name-form" onSubmit={(e) => void submit(e)}>
      <label className="visually-hidden" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        type="text"
        placeholder={label}
        value={name}
        autoFocus
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => setName(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            onDone();
          }
        }}
      />
      <div className="name-form-actions">
        <button type="submit" className="button-secondary">
          {submitLabel}
        </button>
        <button type="button" className="button-quiet" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
      {error && (
        <p id={`${id}-error`} role="alert" className="field-error">
          {error}
        </p>
      )}
    </form>
  );
}
