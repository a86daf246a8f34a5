import { useMemo } from 'react';
import { formatType } from '../../format';
import { useAppStore } from '../../store';
import { hasActiveFilters } from '../library/filter-documents';
import { SaveSearchForm } from './SaveSearchForm';
import { searchResultHref } from './search-href';
import { SnippetText } from './SnippetText';

const results = (n: number) => (n === 1 ? '1 result' : `${n} results`);

/** Ranked results with marked snippets; the count is announced; more on request. */
export function SearchResults() {
  const search = useAppStore((s) => s.search);
  const documents = useAppStore((s) => s.documents);
  const filtered = useAppStore((s) => hasActiveFilters(s.filters));
  const clearFilters = useAppStore((s) => s.clearFilters);
  const loadMore = useAppStore((s) => s.loadMoreResults);
  const byId = useMemo(() => new Map(documents.map((d) => [d.id, d])), [documents]);
  const { query, hits, total } = search;

  let status = '';
  if (search.status === 'loading' && !hits.length) status = `Searching for “${query}”…`;
  else if (search.status === 'failed') status = `The search failed: ${search.error}`;
  else if (search.status === 'ready' || hits.length) {
    status = `${search.approximate ? 'About ' : ''}${total ? results(total) : 'No results'} for “${query}”${filtered ? ' (filtered)' : ''}`;
  }

  return (
    <section className="search-results" aria-labelledby="results-heading">
      <div className="results-head">
        <h2 id="results-heading" className="results-heading">
          Search results
        </h2>
        <p className="results-count" role="status">
          {status}
        </p>
        <SaveSearchForm />
      </div>
      {search.status === 'ready' && total === 0 && (
        <div className="results-empty">
          <p>
            <strong>No documents match “{query}”{filtered ? ' with these filters' : ''}.</strong>
          </p>
          <p className="hint">Check the spelling, use fewer words, a prefix such as biomed*, or OR between alternatives.</p>
          {filtered && (
            <button type="button" className="button-secondary" onClick={clearFilters}>
              Clear filters
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
          {search.loadingMore ? 'Loading…' : `Show more results (${hits.length} of ${search.approximate ? 'about ' : ''}${total} shown)`}
        </button>
      )}
    </section>
  );
}
