import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SYNC_INTERVAL_RANGE } from '../../../shared/model';
import { ProgressBar } from '../../components/ProgressBar';
import { useAppStore } from '../../store';
import { LayerNameSettings } from './LayerNameSettings';
import { SaveForm } from './SaveForm';
import { SyncConflicts } from './SyncConflicts';

/** Settings → Team: the server this archive syncs with, signing in, syncing now or every N minutes, and the conflicts. */
export function TeamSettings() {
  const { t } = useTranslation();
  const { status, progress, error } = useAppStore((s) => s.team);
  const load = useAppStore((s) => s.loadTeam);
  const signIn = useAppStore((s) => s.teamSignIn);
  const signOut = useAppStore((s) => s.teamSignOut);
  const sync = useAppStore((s) => s.teamSync);
  const setInterval = useAppStore((s) => s.teamSetInterval);
  const [server, setServer] = useState('');
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [minutes, setMinutes] = useState('0');
  useEffect(() => void load(), [load]);
  useEffect(() => {
    if (status?.server) setServer((s) => s || status.server!);
    if (status?.user) setUser((u) => u || status.user!);
    if (status) setMinutes(String(status.intervalMinutes));
  }, [status]);

  const text = (key: string) => ({ save: t(`team.${key}`), saving: t('team.working'), saved: t('team.done'), notSaved: (message: string) => t('team.failed', { message }), status: t(`team.${key}Status`) });
  const running = status?.running || (progress !== null && progress.phase !== 'done' && progress.phase !== 'failed');
  const [min, max] = SYNC_INTERVAL_RANGE;
  return (
    <section className="team-settings" aria-labelledby="team-heading">
      <h2 id="team-heading">{t('team.heading')}</h2>
      <p className="hint">{t('team.hint')}</p>
      <LayerNameSettings />
      {status?.signedIn ? (
        <>
          <p role="status" aria-label={t('team.account')}>
            {t('team.signedInAs', { user: status.user, role: t(`team.role.${status.role}`, { defaultValue: status.role }), server: status.server })}
          </p>
          <p>{status.lastSync ? t('team.lastSync', { at: new Date(status.lastSync).toLocaleString() }) : t('team.neverSynced')}</p>
          <SaveForm save={sync} text={text('syncNow')} alwaysShowStatus>
            {progress && progress.phase !== 'done' && progress.phase !== 'failed' && running && (
              <ProgressBar label={t('team.progress')} value={progress.done} max={Math.max(progress.total, 1)} valueText={t('team.progressText', { phase: t(`team.phase.${progress.phase}`), done: progress.done, total: progress.total })} />
            )}
            {progress?.phase === 'done' && <p className="hint">{t('team.progressDone', { count: progress.total })}</p>}
          </SaveForm>
          <SaveForm save={() => setInterval(Number(minutes))} text={text('saveInterval')}>
            <div className="limit-setting">
              <label htmlFor="team-interval">{t('team.interval')}</label>
              <input id="team-interval" type="number" inputMode="numeric" min={min} max={max} step={1} required value={minutes} onChange={(e) => setMinutes(e.target.value)} />
              <span className="hint">{t('team.intervalHint')}</span>
            </div>
          </SaveForm>
          <div className="title-actions">
            <button type="button" className="button-secondary" onClick={() => void signOut()}>
              {t('team.signOut')}
            </button>
          </div>
        </>
      ) : (
        <SaveForm save={async () => signIn(server, user, password).then((failure) => (failure ? failure : (setPassword(''), null)))} text={text('signIn')}>
          <fieldset>
            <legend>{t('team.signInHeading')}</legend>
            <label>
              {t('team.server')}
              <input type="url" required placeholder="https://archive.example.org" value={server} onChange={(e) => setServer(e.target.value)} />
            </label>
            <label>
              {t('team.user')}
              <input required autoComplete="username" value={user} onChange={(e) => setUser(e.target.value)} />
            </label>
            <label>
              {t('team.password')}
              <input type="password" required autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
            </label>
          </fieldset>
        </SaveForm>
      )}
      {error && status?.lastError && <p className="field-error">{status.lastError}</p>}
      <SyncConflicts />
    </section>
  );
}
