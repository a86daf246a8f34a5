import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store';
import { SaveForm } from './SaveForm';
import { useDraft } from './use-draft';

/** Settings → Team → Your name: the author of the user's annotations (their layer). */
export function TeamSettings() {
  const { t } = useTranslation();
  const user = useAppStore((s) => s.teamUser);
  const loadTeam = useAppStore((s) => s.loadTeam);
  const save = useAppStore((s) => s.saveTeamUser);
  const [draft, setDraft, saving] = useDraft(user);
  useEffect(() => void loadTeam(), [loadTeam]);
  const text = { save: t('team.save'), status: t('team.status'), saving: t('team.saving'), saved: t('team.saved'), notSaved: (message: string) => t('team.notSaved', { message }) };
  return (
    <SaveForm save={() => saving(() => save(draft))} text={text}>
      <fieldset>
        <legend>{t('team.heading')}</legend>
        <p className="hint">{t('team.hint')}</p>
        <div className="limit-setting">
          <label htmlFor="team-user">{t('team.userLabel')}</label>
          <input id="team-user" value={draft} maxLength={64} placeholder={t('team.userPlaceholder')} autoComplete="name" onChange={(event) => setDraft(event.target.value)} />
        </div>
      </fieldset>
    </SaveForm>
  );
}
