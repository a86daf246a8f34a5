import { useTranslation } from 'react-i18next';
import { useMemo } from 'react';
import { formatType } from '../../format';
import { useAppStore } from '../../store';
import { hasActiveFilters } from '../library/filter-documents';
import { SaveSearchForm } from './SaveSearchForm';
import { searchResultHref } from './search-href';
import { SnippetText } from './SnippetText';

/** Ranked results with marked snippets; the count is announced; more on request. */
export function SearchResults() {
  const { t } = useTranslation();
  const search = useAppStore((s) => s.search);
  const documents = useAppStore((s) => s.documents);
  const filtered = useAppStore((s) => hasActiveFilters(s.filters));
  const clearFilters = useAppStore((s) => s.clearFilters);
  const loadMore = useAppStore((s) => s.loadMoreResults);
  const byId = useMemo(() => new Map(documents.map((d) => [d.id, d])), [documents]);
  const { query, hits, total } = search;

  let status = '';
  if (search.status === 'loading' && !hits.length) status = t('results.searching', { query });
  else if (search.status === 'failed') status = t('results.failed', { error: search.error });
  else if (search.status === 'ready' || hits.length) {
    const found = total ? t(search.approximate ? 'results.about' : 'results.count', { count: total, query }) : t('results.none', { query });
    status = filtered ? t('results.filtered', { status: found }) : found;
  }

  return (
    <section className="search-results" aria-labelledby="results-heading">
      <div className="results-head">
        <h2 id="results-heading" className="results-heading">
          {t('results.heading')}
        </h2>
        <p className="results-count" role="status">
          {status}
        </p>
        <SaveSearchForm />
      </div>
      {search.status === 'ready' && total === 0 && (
        <div className="results-empty">
          <p>
            <strong>{t(filtered ? 'results.noMatchFiltered' : 'results.noMatch', { query })}</strong>
          </p>
          <p className="hint">{t('results.hint')}</p>
          {filtered && (
            <button type="button" className="button-secondary" onClick={clearFilters}>
              {t('library.clearFilters')}
            </button>
          )}
        </div>
      )}
      {hits.length > 0 && (
        <ol className="result-list">
          {hits.map((hit) => {
            const doc = byId.get(hit.id);
            return (
              <li key={hit.id} className="result">
                <a className="result-title" href={searchResultHref(hit.id, query)}>
                  {hit.title}
                </a>
                {doc && (
                  <span className="result-meta">
                    {formatType(doc.type)}
                    {doc.date ? ` · ${doc.date}` : ''}
                    {doc.tags?.length ? ` · ${doc.tags.join(', ')}` : ''}
                  </span>
                )}
                {hit.snippet && <SnippetText text={hit.snippet.text} highlights={hit.snippet.highlights} />}
              </li>
            );
          })}
        </ol>
      )}
      {hits.length > 0 && hits.length < total && (
        <button type="button" className="button-secondary results-more" disabled={search.loadingMore} onClick={() => void loadMore()}>
          {search.loadingMore ? t('results.loadingMore') : t(search.approximate ? 'results.moreAbout' : 'results.more', { shown: hits.length, total })}
        </button>
      )}
    </section>
  );
}
