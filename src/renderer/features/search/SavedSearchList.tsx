import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store';

/** The saved searches in the sidebar: a click sets the query and chips and runs it. */
export function SavedSearchList() {
  const { t } = useTranslation();
  const saved = useAppStore((s) => s.savedSearches);
  const runSavedSearch = useAppStore((s) => s.runSavedSearch);
  const deleteSavedSearch = useAppStore((s) => s.deleteSavedSearch);

  return (
    <section className="sidebar-section" aria-labelledby="saved-heading">
      <h2 id="saved-heading" className="sidebar-heading">
        {t('sidebar.savedSearches')}
      </h2>
      {saved.length === 0 ? (
        <p className="hint">{t('sidebar.savedHint')}</p>
      ) : (
        <ul className="sidebar-list">
          {saved.map((s) => (
            <li key={s.id} className="sidebar-row">
              <button type="button" className="sidebar-item" title={s.query} onClick={() => runSavedSearch(s)}>
                <span className="sidebar-item-name">{s.name}</span>
              </button>
              <button type="button" className="icon-button" aria-label={t('sidebar.deleteSaved', { name: s.name })} title={t('common.delete')} onClick={() => void deleteSavedSearch(s.id)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
