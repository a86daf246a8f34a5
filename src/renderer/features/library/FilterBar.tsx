import { useTranslation } from 'react-i18next';
import { useMemo } from 'react';
import { formatType } from '../../format';
import { useAppStore } from '../../store';
import { entityChipText } from '../entities/label-keys';
import { facetValues, hasActiveFilters, toggleValue } from './filter-documents';
import type { DocType } from '../../../shared/model';

/** Chips for type, language and annotations; tag and collection filters, set from the sidebar, show here to be removed. */
export function FilterBar() {
  const { t } = useTranslation();
  const documents = useAppStore((s) => s.documents);
  const filters = useAppStore((s) => s.filters);
  const collections = useAppStore((s) => s.collections);
  const setFilters = useAppStore((s) => s.setFilters);
  const clearFilters = useAppStore((s) => s.clearFilters);
  const types = useMemo(() => facetValues(documents, (d) => d.type), [documents]);
  const languages = useMemo(() => facetValues(documents, (d) => d.language), [documents]);
  const entityInfo = useAppStore((s) => s.entityFilterInfo);
  const collectionName = (id: string) => collections.find((c) => c.id === id)?.name ?? id;
  const entityChip = (id: string) => (entityInfo[id] ? entityChipText(entityInfo[id].label, entityInfo[id].name) : t('filters.entity', { id }));

  return (
    <section className="filter-bar" aria-label={t('filters.region')}>
      <div role="group" aria-label={t('table.type')} className="chip-group">
        <span className="chip-group-label" aria-hidden="true">
          {t('table.type')}
        </span>
        {types.map(({ value, count }) => (
          <button
            key={value}
            type="button"
            className="chip"
            aria-pressed={filters.type.includes(value as DocType)}
            onClick={() => setFilters({ type: toggleValue(filters.type, value as DocType) })}
          >
            {formatType(value as DocType)} <span className="chip-count">{count}</span>
          </button>
        ))}
      </div>
      {languages.length > 0 && (
        <div role="group" aria-label={t('table.language')} className="chip-group">
          <span className="chip-group-label" aria-hidden="true">
            {t('table.language')}
          </span>
          {languages.map(({ value, count }) => (
            <button key={value} type="button" className="chip" aria-pressed={filters.language.includes(value)} onClick={() => setFilters({ language: toggleValue(filters.language, value) })}>
              {value} <span className="chip-count">{count}</span>
            </button>
          ))}
        </div>
      )}
      <div className="chip-group">
        <button type="button" className="chip" aria-pressed={filters.hasAnnotations} onClick={() => setFilters({ hasAnnotations: !filters.hasAnnotations })}>
          {t('filters.hasAnnotations')}
        </button>
      </div>
      {(filters.tags.length > 0 || filters.collections.length > 0 || filters.entities.length > 0) && (
        <div className="chip-group" role="group" aria-label={t('filters.chips')}>
          {filters.tags.map((tag) => (
            <button key={`t-${tag}`} type="button" className="chip chip-removable" aria-label={t('filters.removeTag', { tag })} onClick={() => setFilters({ tags: toggleValue(filters.tags, tag) })}>
              {t('filters.tag', { tag })} <span aria-hidden="true">×</span>
            </button>
          ))}
          {filters.collections.map((id) => (
            <button
              key={`c-${id}`}
              type="button"
              className="chip chip-removable"
              aria-label={t('filters.removeCollection', { name: collectionName(id) })}
              onClick={() => setFilters({ collections: toggleValue(filters.collections, id) })}
            >
              {t('filters.collection', { name: collectionName(id) })} <span aria-hidden="true">×</span>
            </button>
          ))}
          {filters.entities.map((id) => (
            <button
              key={`e-${id}`}
              type="button"
              className="chip chip-removable"
              aria-label={t('filters.removeEntity', { name: entityChip(id) })}
              title={entityInfo[id]?.name}
              onClick={() => setFilters({ entities: toggleValue(filters.entities, id) })}
            >
              {entityChip(id)} <span aria-hidden="true">×</span>
            </button>
          ))}
        </div>
      )}
      {hasActiveFilters(filters) && (
        <button type="button" className="button-quiet clear-filters" onClick={clearFilters}>
          {t('library.clearFilters')}
        </button>
      )}
    </section>
  );
}
