import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store';
import { describeValue, fieldName } from './team-values';

/** The Sync conflicts view: each field changed on two machines, the value kept and the other, to pick from. */
export function SyncConflicts() {
  const { t } = useTranslation();
  const conflicts = useAppStore((s) => s.team.conflicts);
  const resolve = useAppStore((s) => s.resolveTeamConflict);
  return (
    <section className="sync-conflicts" aria-labelledby="sync-conflicts-heading">
      <h2 id="sync-conflicts-heading">{t('team.conflictsHeading')}</h2>
      <p className="hint">{t('team.conflictsHint')}</p>
      {conflicts.length === 0 ? (
        <p>{t('team.noConflicts')}</p>
      ) : (
        <ul aria-label={t('team.conflictsHeading')}>
          {conflicts.map((c) => (
            <li key={c.id} className="sync-conflict">
              <p>
                <strong>{c.title}</strong> — {t(`team.kind.${c.kind}`, { defaultValue: c.kind })}, {t('team.field', { field: fieldName(c.path) || t('team.whole') })}
              </p>
              <dl>
                <dt>{t(c.keptFrom === 'local' ? 'team.keptLocal' : 'team.keptServer')}</dt>
                <dd>{describeValue(c.kept)}</dd>
                <dt>{t('team.other')}</dt>
                <dd>{describeValue(c.other)}</dd>
              </dl>
              <div className="title-actions">
                <button type="button" className="button-secondary" onClick={() => void resolve(c.id, 'kept')} aria-label={t('team.keepLabel', { title: c.title, field: fieldName(c.path) || t('team.whole') })}>
                  {t('team.keep')}
                </button>
                <button type="button" className="button-secondary" onClick={() => void resolve(c.id, 'other')} aria-label={t('team.useOtherLabel', { title: c.title, field: fieldName(c.path) || t('team.whole') })}>
                  {t('team.useOther')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
