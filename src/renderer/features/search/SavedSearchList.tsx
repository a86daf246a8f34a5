import { useAppStore } from '../../store';

/** The saved searches in the sidebar: a click sets the query and chips and runs it. */
export function SavedSearchList() {
  const saved = useAppStore((s) => s.savedSearches);
  const runSavedSearch = useAppStore((s) => s.runSavedSearch);
  const deleteSavedSearch = useAppStore((s) => s.deleteSavedSearch);

  return (
    <section className="sidebar-section" aria-labelledby="saved-heading">
      <h2 id="saved-heading" className="sidebar-heading">
        Saved searches
      </h2>
      {saved.length === 0 ? (
        <p className="hint">Search, then “Save search…” to keep a query and its filters here.</p>
      ) : (
        <ul className="sidebar-list">
          {saved.map((s) => (
            <li key={s.id} className="sidebar-row">
              <button type="button" className="sidebar-item" title={s.query} onClick={() => runSavedSearch(s)}>
                <span className="sidebar-item-name">{s.name}</span>
              </button>
              <button type="button" className="icon-button" aria-label={`Delete saved search “${s.name}”`} title="Delete" onClick={() => void deleteSavedSearch(s.id)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
