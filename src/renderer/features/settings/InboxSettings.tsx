import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxAfter, InboxEvent } from '../../../shared/model';
import { useAppStore } from '../../store';
import { SaveForm } from './SaveForm';

const RECENT_SHOWN = 10;

/** Settings → Inbox: the folder the app watches, what happens to imported files, and what it did lately. */
export function InboxSettings() {
  const { t } = useTranslation();
  const status = useAppStore((s) => s.inboxStatus);
  const savedAfter = useAppStore((s) => s.inboxAfter);
  const loadInbox = useAppStore((s) => s.loadInbox);
  const saveInbox = useAppStore((s) => s.saveInbox);
  const [folder, setFolder] = useState('');
  const [after, setAfter] = useState<InboxAfter>('move');

  useEffect(() => void loadInbox(), [loadInbox]);
  useEffect(() => setFolder(status?.folder ?? ''), [status?.folder]);
  useEffect(() => setAfter(savedAfter), [savedAfter]);

  const text = {
    save: t('inbox.save'),
    status: t('inbox.saveStatus'),
    saving: t('inbox.saving'),
    saved: t('inbox.saved'),
    notSaved: (message: string) => t('inbox.notSaved', { message }),
  };
  const state = status?.state ?? 'off';
  const recent = status?.recent.slice(0, RECENT_SHOWN) ?? [];

  return (
    <SaveForm save={() => saveInbox(folder, after)} text={text}>
      <fieldset className="inbox-settings">
        <legend>{t('inbox.heading')}</legend>
        <p className="hint">{t('inbox.hint')}</p>
        <label htmlFor="inbox-folder">{t('inbox.folder')}</label>
        <input
          id="inbox-folder"
          className="text-input"
          value={folder}
          placeholder={t('inbox.folderPlaceholder')}
          spellCheck={false}
          aria-describedby="inbox-folder-hint"
          onChange={(event) => setFolder(event.target.value)}
        />
        <span id="inbox-folder-hint" className="hint">
          {t('inbox.folderHint')}
        </span>
        <fieldset className="choice-row">
          <legend>{t('inbox.after')}</legend>
          {(['move', 'leave'] as const).map((choice) => (
            <label key={choice}>
              <input type="radio" name="inbox-after" value={choice} checked={after === choice} onChange={() => setAfter(choice)} /> {t(`inbox.after_${choice}`)}
            </label>
          ))}
        </fieldset>
        <p role="status" aria-label={t('inbox.stateLabel')} className={state === 'missing' || state === 'error' ? 'field-error' : 'hint'}>
          {state === 'watching' ? t('inbox.watching', { folder: status?.folder }) : state === 'off' ? t('inbox.off') : status?.message}
        </p>
        {recent.length > 0 && (
          <section aria-labelledby="inbox-recent">
            <h3 id="inbox-recent" className="subheading">
              {t('inbox.recent')}
            </h3>
            <ul className="inbox-recent">
              {recent.map((event) => (
                <InboxEventRow key={`${event.at}-${event.file}`} event={event} />
              ))}
            </ul>
          </section>
        )}
      </fieldset>
    </SaveForm>
  );
}

function InboxEventRow({ event }: { event: InboxEvent }) {
  const { t } = useTranslation();
  const name = event.file.split(/[\\/]/).pop();
  return (
    <li className={event.status === 'failed' ? 'inbox-failed' : undefined}>
      <span className="inbox-status">{t(`inbox.status_${event.status}`)}</span> <span className="inbox-file">{name}</span>
      {event.title && event.title !== name ? <> — {event.title}</> : null}
      {event.rules?.length ? <span className="hint"> · {t('inbox.filedBy', { rules: event.rules.join(', ') })}</span> : null}
      {event.reason ? <div className="inbox-reason">{event.reason}</div> : null}
    </li>
  );
}
