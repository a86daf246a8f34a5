import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { RepairEntry } from '../../../shared/model';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { documentHref } from '../../routing';
import { useAppStore } from '../../store';

/** Every file the archive set aside, rebuilt or restored, until the user dismisses it; a good copy can be put back. */
export function RepairsView() {
  const { t } = useTranslation();
  const repairs = useAppStore((s) => s.repairs);
  const load = useAppStore((s) => s.loadRepairs);

  useEffect(() => {
    document.title = `${t('repairs.title')} — Marginalia`;
    void load();
  }, [load, t]);

  const items = repairs?.items ?? [];
  return (
    <main className="repairs" aria-labelledby="repairs-title">
      <Breadcrumbs />
      <header className="entities-header">
        <h1 id="repairs-title">{t('repairs.title')}</h1>
      </header>
      <p className="hint">{t('repairs.intro')}</p>
      {repairs?.status === 'failed' && <p className="field-error">{t('repairs.loadFailed', { error: repairs.error })}</p>}
      {(!repairs || repairs.status === 'loading') && items.length === 0 && <p className="loading">{t('repairs.loading')}</p>}
      {repairs?.status === 'ready' && items.length === 0 && <p className="repairs-none">{t('repairs.none')}</p>}
      {items.length > 0 && (
        <ul className="repairs-list" aria-label={t('repairs.list')}>
          {items.map((repair) => (
            <RepairItem key={repair.id} repair={repair} />
          ))}
        </ul>
      )}
    </main>
  );
}

function RepairItem({ repair }: { repair: RepairEntry }) {
  const { t, i18n } = useTranslation();
  const dismiss = useAppStore((s) => s.dismissRepair);
  const restore = useAppStore((s) => s.restoreRepair);
  const when = (iso: string) => new Date(iso).toLocaleString(i18n.language);
  const titleId = `repair-${repair.id}`;
  const restorable = !!repair.backup && repair.file.endsWith('/annotations.json');
  return (
    <li className="repair" aria-labelledby={titleId}>
      <div className="repair-head">
        <h2 id={titleId}>
          {repair.docTitle ?? t('repairs.archive')} — <code>{repair.file}</code>
        </h2>
        <span className="repair-when">{t('repairs.found', { at: when(repair.at) })}</span>
      </div>
      <dl className="repair-facts">
        <dt>{t('repairs.problem')}</dt>
        <dd>{repair.problem}</dd>
        <dt>{t('repairs.action')}</dt>
        <dd>{repair.action}</dd>
        {repair.setAsideAs && (
          <>
            <dt>{t('repairs.setAside')}</dt>
            <dd>
              <code>{repair.setAsideAs}</code>
            </dd>
          </>
        )}
        {repair.backup && (
          <>
            <dt>{t('repairs.backup')}</dt>
            <dd>
              <code>{t('repairs.backupFrom', { file: repair.backup, at: repair.backupAt ? when(repair.backupAt) : '?' })}</code>
            </dd>
          </>
        )}
      </dl>
      <div className="repair-actions">
        {repair.docId && repair.docTitle && (
          <a className="button-secondary" href={documentHref(repair.docId)}>
            {t('repairs.open')}
          </a>
        )}
        {restorable && (
          <button type="button" className="button-primary" aria-label={t('repairs.restoreFor', { file: repair.file })} onClick={() => void restore(repair.id)}>
            {t('repairs.restore')}
          </button>
        )}
        <button type="button" className="button-secondary" aria-label={t('repairs.dismissFor', { file: repair.file })} onClick={() => void dismiss(repair.id)}>
          {t('repairs.dismiss')}
        </button>
      </div>
    </li>
  );
}
