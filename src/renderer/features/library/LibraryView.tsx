import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { PaletteButton } from '../../commands/PaletteButton';
import { entitiesHref, trashHref } from '../../routing';
import { useAppStore } from '../../store';
import { AnnotationImportSummary } from '../export/AnnotationImportSummary';
import { LibraryInterchange } from '../export/LibraryInterchange';
import { settingsHref } from '../settings/use-settings-route';
import { SearchBox } from '../search/SearchBox';
import { SearchResults } from '../search/SearchResults';
import { DocumentDetails } from './DocumentDetails';
import { DocumentTable } from './DocumentTable';
import { EmptyLibrary } from './EmptyLibrary';
import { filterDocuments, hasActiveFilters } from './filter-documents';
import { FilterBar } from './FilterBar';
import { ImportControls } from './ImportControls';
import { ImportStatus } from './ImportStatus';
import { LibrarySidebar } from './LibrarySidebar';
import { SelectionBar } from './SelectionBar';
import { useSelectAll } from './use-select-all';
import { useStoreApi } from './use-store-api';
import { isPaged } from '../../../shared/model';
import { prefetchPageView } from '../pages/prefetch';

export function LibraryView() {
  const { t } = useTranslation();
  const documents = useAppStore((s) => s.documents);
  const status = useAppStore((s) => s.libraryStatus);
  const filters = useAppStore((s) => s.filters);
  const searching = useAppStore((s) => s.searchText.trim() !== '');
  const loadLibrary = useAppStore((s) => s.loadLibrary);
  const loadCatalog = useAppStore((s) => s.loadCatalog);
  const clearFilters = useAppStore((s) => s.clearFilters);
  const entityInfo = useAppStore((s) => s.entityFilterInfo);
  const shown = useMemo(() => filterDocuments(documents, filters, (id) => entityInfo[id]?.docIds ?? []), [documents, filters, entityInfo]);
  const shownIds = useMemo(() => shown.map((d) => d.id), [shown]);

  useEffect(() => {
    document.title = `${t('library.title')} — Marginalia`;
  }, [t]);
  const store = useStoreApi();
  useEffect(() => {
    // The first load was asked for before the first render (main.tsx): not a second time while it runs.
    if (store.getState().libraryStatus !== 'loading') void loadLibrary();
    void loadCatalog();
  }, [store, loadLibrary, loadCatalog]);
  useSelectAll(shownIds, !searching);
  const hasPages = useMemo(() => documents.some((d) => isPaged(d.type)), [documents]);
  useEffect(() => {
    if (hasPages) prefetchPageView();
  }, [hasPages]);

  const empty = status === 'ready' && documents.length === 0;
  const filtered = hasActiveFilters(filters);
  return (
    <main className="library" aria-labelledby="library-title">
      <header className="library-header">
        <div>
          <div className="library-title-row">
            <h1 id="library-title">{t('library.title')}</h1>
            <nav aria-label={t('nav.views')} className="library-views">
              <a href={entitiesHref}>{t('nav.entities')}</a>
              <a href={settingsHref}>{t('nav.settings')}</a>
              <a href={trashHref}>{t('trash.link')}</a>
              <PaletteButton />
            </nav>
          </div>
          {status === 'ready' && documents.length > 0 && (
            <p className="library-count" aria-live="polite">
              {filtered && !searching ? t('library.shownOf', { shown: shown.length }) : ''}
              {t('library.count', { count: documents.length })}
            </p>
          )}
        </div>
        {!empty && <SearchBox />}
        {!empty && <ImportControls />}
        {!empty && <LibraryInterchange />}
      </header>
      <ImportStatus />
      <AnnotationImportSummary />
      {status === 'loading' && documents.length === 0 && <p className="loading">{t('library.loading')}</p>}
      {empty && <EmptyLibrary />}
      {documents.length > 0 && (
        <div className="library-body">
          <LibrarySidebar />
          <div className="library-main">
            <FilterBar />
            <SelectionBar />
            {searching ? (
              <SearchResults />
            ) : shown.length ? (
              <DocumentTable documents={shown} />
            ) : (
              <div className="results-empty">
                <p>
                  <strong>{t('library.noMatch')}</strong>
                </p>
                <button type="button" className="button-secondary" onClick={clearFilters}>
                  {t('library.clearFilters')}
                </button>
              </div>
            )}
          </div>
        </div>
      )}
      <DocumentDetails />
    </main>
  );
}
