import { useMemo } from 'react';
import type { DocumentMeta } from '../../../shared/model';
import { formatDate, formatSize, formatType } from '../../format';
import { documentHref } from '../../routing';
import { useAppStore } from '../../store';
import type { SortKey } from '../../store/library-slice';
import { sortDocuments } from './sort-documents';

const COLUMNS: { key: SortKey; label: string; className: string }[] = [
  { key: 'title', label: 'Title', className: 'col-title' },
  { key: 'importedAt', label: 'Imported', className: 'col-date' },
  { key: 'size', label: 'Size', className: 'col-size' },
  { key: 'type', label: 'Type', className: 'col-type' },
];

export function DocumentTable({ documents }: { documents: DocumentMeta[] }) {
  const sort = useAppStore((s) => s.sort);
  const toggleSort = useAppStore((s) => s.toggleSort);
  const sorted = useMemo(() => sortDocuments(documents, sort.key, sort.direction), [documents, sort]);

  return (
    <table className="doc-table">
      <caption className="visually-hidden">Documents in the archive, sorted by {COLUMNS.find((c) => c.key === sort.key)?.label.toLowerCase()}, {sort.direction}</caption>
      <thead>
        <tr>
          {COLUMNS.map((column) => {
            const active = sort.key === column.key;
            return (
              <th key={column.key} scope="col" className={column.className} aria-sort={active ? sort.direction : 'none'}>
                <button type="button" className="sort-button" onClick={() => toggleSort(column.key)}>
                  {column.label}
                  <span className="sort-indicator" aria-hidden="true">
                    {active ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'}
                  </span>
                </button>
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>
        {sorted.map((doc) => (
          <tr key={doc.id}>
            <td className="col-title">
              <a className="doc-link" href={documentHref(doc.id)} title={doc.sourceName}>
                {doc.title}
              </a>
            </td>
            <td className="col-date">
              <time dateTime={doc.importedAt}>{formatDate(doc.importedAt)}</time>
            </td>
            <td className="col-size">{formatSize(doc.size)}</td>
            <td className="col-type">{formatType(doc.type)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
