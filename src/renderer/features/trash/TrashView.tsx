import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { formatDate, formatType } from '../../format';
import { useAppStore } from '../../store';
import { EmptyTrashDialog } from './EmptyTrashDialog';

/** Deleted documents: restore one, delete one for good, or empty the trash after a confirmation naming how many. */
export function TrashView() {
  const { t } = useTranslation();
  const trash = useAppStore((s) => s.trash);
  const retention = useAppStore((s) => s.trashRetentionDays);
  const loadTrash = useAppStore((s) => s.loadTrash);
  const restore = useAppStore((s) => s.restoreDocuments);
  const [confirming, setConfirming] = useState<{ ids?: string[]; count: number } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    document.title = `${t('trash.title')} — Marginalia`;
    void loadTrash();
  }, [loadTrash, t]);

  const items = trash?.items ?? [];
  return (
    <main className="trash" aria-labelledby="trash-title">
      <Breadcrumbs />
      <header className="trash-header">
        <div>
          <h1 id="trash-title">{t('trash.title')}</h1>
          <p className="hint">{t('trash.hint')}</p>
          <p className="hint">{retention ? t('trash.retentionHint', { count: retention }) : t('trash.retentionNever')}</p>
        </div>
        <button type="button" className="button-danger" disabled={items.length === 0} onClick={() => setConfirming({ count: items.length })}>
          {t('trash.emptyButton')}
        </button>
      </header>
      {trash?.status === 'failed' && <p className="field-error">{t('trash.loadFailed', { error: trash.error })}</p>}
      {trash?.status === 'loading' && items.length === 0 && <p className="loading">{t('trash.loading')}</p>}
      {trash?.status === 'ready' && items.length === 0 && <p className="results-empty">{t('trash.empty')}</p>}
      {items.length > 0 && (
        <table className="trash-table">
          <caption className="visually-hidden">{t('trash.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('trash.colTitle')}</th>
              <th scope="col">{t('ui.type')}</th>
              <th scope="col">{t('trash.colDeleted')}</th>
              <th scope="col" className="num">
                {t('trash.colAnnotations')}
              </th>
              <th scope="col">
                <span className="visually-hidden">{t('trash.colActions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((doc) => (
              <tr key={doc.id}>
                <th scope="row" className="trash-title">
                  {doc.title}
                </th>
                <td>{formatType(doc.type)}</td>
                <td>
                  <time dateTime={doc.deletedAt}>{formatDate(doc.deletedAt)}</time>
                </td>
                <td className="num">{doc.annotationCount}</td>
                <td className="trash-actions">
                  <button
                    type="button"
                    className="button-secondary"
                    aria-label={t('trash.restoreOne', { title: doc.title })}
                    disabled={busy === doc.id}
                    onClick={async () => {
                      setBusy(doc.id);
                      await restore([doc.id]);
                      setBusy(null);
                    }}
                  >
                    {t('trash.restore')}
                  </button>
                  <button type="button" className="button-quiet" aria-label={t('trash.removeOne', { title: doc.title })} onClick={() => setConfirming({ ids: [doc.id], count: 1 })}>
                    {t('trash.removeForGood')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {confirming && <EmptyTrashDialog {...confirming} onClose={() => setConfirming(null)} />}
    </main>
  );
}
