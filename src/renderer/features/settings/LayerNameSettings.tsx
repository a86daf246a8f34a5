import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store';
import { SaveForm } from './SaveForm';
import { useDraft } from './use-draft';

/** Settings → Team → Your layer: the name that authors the user's annotations (their layer). */
export function LayerNameSettings() {
  const { t } = useTranslation();
  const user = useAppStore((s) => s.teamUser);
  const loadTeamUser = useAppStore((s) => s.loadTeamUser);
  const save = useAppStore((s) => s.saveTeamUser);
  const [draft, setDraft, saving] = useDraft(user);
  useEffect(() => void loadTeamUser(), [loadTeamUser]);
  const text = { save: t('layerName.save'), status: t('layerName.status'), saving: t('layerName.saving'), saved: t('layerName.saved'), notSaved: (message: string) => t('layerName.notSaved', { message }) };
  return (
    <SaveForm save={() => saving(() => save(draft))} text={text}>
      <fieldset>
        <legend>{t('layerName.heading')}</legend>
        <p className="hint">{t('layerName.hint')}</p>
        <div className="limit-setting">
          <label htmlFor="team-user">{t('layerName.userLabel')}</label>
          <input id="team-user" value={draft} maxLength={64} placeholder={t('layerName.userPlaceholder')} autoComplete="name" onChange={(event) => setDraft(event.target.value)} />
        </div>
      </fieldset>
    </SaveForm>
  );
}
