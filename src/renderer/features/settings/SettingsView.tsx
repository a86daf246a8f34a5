import { useEffect, useState } from 'react';
import type { ColorMeaning } from '../../../shared/model';
import { libraryHref } from '../../routing';
import { useAppStore } from '../../store';
import { colorChoices } from '../annotations/colors';
import { LabelSettings } from './LabelSettings';

/** What each highlight colour means in this archive ("Important", "Question"): shared by everyone who opens it. */
export function SettingsView() {
  const meanings = useAppStore((s) => s.colorMeanings);
  const loadSettings = useAppStore((s) => s.loadSettings);
  const saveColorMeanings = useAppStore((s) => s.saveColorMeanings);
  const [draft, setDraft] = useState<ColorMeaning[]>(meanings);
  const [status, setStatus] = useState<{ kind: 'idle' | 'saving' | 'saved' | 'failed'; message?: string }>({ kind: 'idle' });

  useEffect(() => {
    document.title = 'Settings — Marginalia';
    void loadSettings();
  }, [loadSettings]);
  useEffect(() => setDraft(meanings), [meanings]);

  const save = async () => {
    setStatus({ kind: 'saving' });
    const failure = await saveColorMeanings(draft);
    setStatus(failure ? { kind: 'failed', message: failure } : { kind: 'saved' });
  };

  return (
    <main className="settings">
      <nav className="reader-nav" aria-label="Breadcrumb">
        <a href={libraryHref} className="back-link">
          <span aria-hidden="true">← </span>Library
        </a>
      </nav>
      <h1>Settings</h1>
      <form
        className="settings-form"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <fieldset>
          <legend>Highlight colours</legend>
          <p className="hint">Give each colour a meaning. The names show in the reader&rsquo;s toolbar and in the list of highlights.</p>
          {colorChoices(draft).map(({ color, title, meaning }) => (
            <label key={color} className="color-setting">
              <span className={`color-dot dot-${color}`} aria-hidden="true" />
              <span className="color-setting-title">{title}</span>
              <input
                aria-label={`Meaning of ${title.toLowerCase()}`}
                value={meaning}
                maxLength={60}
                onChange={(event) => setDraft(draft.map((m) => (m.color === color ? { ...m, name: event.target.value } : m)))}
              />
            </label>
          ))}
        </fieldset>
        <div className="title-actions">
          <button type="submit" className="button-primary" disabled={status.kind === 'saving'}>
            Save
          </button>
          <span role="status" className={status.kind === 'failed' ? 'field-error' : 'hint'}>
            {status.kind === 'saving' ? 'Saving…' : status.kind === 'saved' ? 'Saved' : status.kind === 'failed' ? `Not saved: ${status.message}` : ''}
          </span>
        </div>
      </form>
      <LabelSettings />
    </main>
  );
}
