import { useTranslation } from 'react-i18next';
import { useMemo, useState } from 'react';
import type { Collection } from '../../../shared/model';
import { useAppStore } from '../../store';
import { toggleValue } from './filter-documents';
import { NameForm } from './NameForm';

/** Collections with their sizes: click to filter; create, rename and delete in place. */
export function CollectionList() {
  const { t } = useTranslation();
  const collections = useAppStore((s) => s.collections);
  const documents = useAppStore((s) => s.documents);
  const createCollection = useAppStore((s) => s.createCollection);
  const [creating, setCreating] = useState(false);
  const counts = useMemo(() => {
    const map = new Map<string, number>();
    for (const doc of documents) for (const id of doc.collections ?? []) map.set(id, (map.get(id) ?? 0) + 1);
    return map;
  }, [documents]);

  return (
    <section className="sidebar-section" aria-labelledby="collections-heading">
      <h2 id="collections-heading" className="sidebar-heading">
        {t('sidebar.collections')}
      </h2>
      {collections.length === 0 && !creating && <p className="hint">{t('sidebar.collectionsHint')}</p>}
      <ul className="sidebar-list">
        {collections.map((c) => (
          <CollectionItem key={c.id} collection={c} count={counts.get(c.id) ?? 0} />
        ))}
      </ul>
      {creating ? (
        <NameForm label={t('sidebar.newCollectionName')} submitLabel={t('sidebar.create')} onSubmit={createCollection} onDone={() => setCreating(false)} />
      ) : (
        <button type="button" className="button-quiet sidebar-add" onClick={() => setCreating(true)}>
          {t('sidebar.newCollection')}
        </button>
      )}
    </section>
  );
}

function CollectionItem({ collection, count }: { collection: Collection; count: number }) {
  const { t } = useTranslation();
  const filters = useAppStore((s) => s.filters);
  const setFilters = useAppStore((s) => s.setFilters);
  const renameCollection = useAppStore((s) => s.renameCollection);
  const deleteCollection = useAppStore((s) => s.deleteCollection);
  const [renaming, setRenaming] = useState(false);

  if (renaming) {
    return (
      <li>
        <NameForm
          label={t('sidebar.renameCollectionTo', { name: collection.name })}
          submitLabel={t('common.rename')}
          initial={collection.name}
          onSubmit={(name) => renameCollection(collection.id, name)}
          onDone={() => setRenaming(false)}
        />
      </li>
    );
  }
  return (
    <li className="sidebar-row">
      <button
        type="button"
        className="sidebar-item"
        aria-pressed={filters.collections.includes(collection.id)}
        onClick={() => setFilters({ collections: toggleValue(filters.collections, collection.id) })}
      >
        <span className="sidebar-item-name">{collection.name}</span> <span className="sidebar-count">{count}</span>
      </button>
      <button type="button" className="icon-button" aria-label={t('sidebar.renameCollection', { name: collection.name })} title={t('common.rename')} onClick={() => setRenaming(true)}>
        ✎
      </button>
      <button type="button" className="icon-button" aria-label={t('sidebar.deleteCollection', { name: collection.name })} title={t('common.delete')} onClick={() => void deleteCollection(collection.id)}>
        ×
      </button>
    </li>
  );
}
