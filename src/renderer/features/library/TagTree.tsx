import { useTranslation } from 'react-i18next';
import { useMemo } from 'react';
import { useAppStore } from '../../store';
import { toggleValue } from './filter-documents';
import { buildTagTree, type TagNode } from './tag-tree';

/** Nested tags with how many documents each holds (itself and below); a click filters by it. */
export function TagTree() {
  const { t } = useTranslation();
  const documents = useAppStore((s) => s.documents);
  const known = useAppStore((s) => s.tags);
  const tree = useMemo(() => buildTagTree(documents, known.map((k) => k.tag)), [documents, known]);

  return (
    <section className="sidebar-section" aria-labelledby="tags-heading">
      <h2 id="tags-heading" className="sidebar-heading">
        {t('sidebar.tags')}
      </h2>
      {tree.length ? <TagList nodes={tree} /> : <p className="hint">{t('sidebar.tagsHint')}</p>}
    </section>
  );
}

function TagList({ nodes }: { nodes: TagNode[] }) {
  const filters = useAppStore((s) => s.filters);
  const setFilters = useAppStore((s) => s.setFilters);
  return (
    <ul className="tag-tree">
      {nodes.map((node) => (
        <li key={node.tag}>
          <button
            type="button"
            className="sidebar-item"
            aria-pressed={filters.tags.includes(node.tag)}
            title={node.tag}
            onClick={() => setFilters({ tags: toggleValue(filters.tags, node.tag) })}
          >
            <span className="sidebar-item-name">{node.name}</span> <span className="sidebar-count">{node.count}</span>
          </button>
          {node.children.length > 0 && <TagList nodes={node.children} />}
        </li>
      ))}
    </ul>
  );
}
