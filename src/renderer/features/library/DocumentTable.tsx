import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef } from 'react';
import type { DocumentMeta } from '../../../shared/model';
import { useAppStore } from '../../store';
import type { SortKey } from '../../store/library-slice';
import { DocumentRow, ROW_HEIGHT } from './DocumentRow';
import { SelectAllBox } from './SelectAllBox';
import { sortDocuments } from './sort-documents';

const COLUMNS: { key: SortKey | null; label: string; className: string }[] = [
  { key: 'title', label: 'Title', className: 'col-title' },
  { key: 'date', label: 'Date', className: 'col-docdate' },
  { key: 'importedAt', label: 'Imported', className: 'col-date' },
  { key: 'size', label: 'Size', className: 'col-size' },
  { key: 'type', label: 'Type', className: 'col-type' },
  { key: null, label: 'Language', className: 'col-lang' },
  { key: null, label: 'Tags', className: 'col-tags' },
];

/**
 * The documents as a real table whose body holds only the rows in view (plus a margin):
 * spacer rows stand for the rest, so 10,000 documents cost what 40 do.
 */
export function DocumentTable({ documents }: { documents: DocumentMeta[] }) {
  const sort = useAppStore((s) => s.sort);
  const toggleSort = useAppStore((s) => s.toggleSort);
  const sorted = useMemo(() => sortDocuments(documents, sort.key, sort.direction), [documents, sort]);
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: sorted.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialRect: { width: 900, height: 640 },
    useFlushSync: false,
  });
  const items = virtualizer.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const padBottom = Math.max(0, virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0));
  const order = useMemo(() => sorted.map((d) => d.id), [sorted]);
  const sortLabel = COLUMNS.find((c) => c.key === sort.key)?.label.toLowerCase();

  return (
    <div ref={scroller} className="doc-scroller" tabIndex={-1}>
      <table className="doc-table" aria-rowcount={sorted.length + 1}>
        <caption className="visually-hidden">
          Documents, sorted by {sortLabel}, {sort.direction}
        </caption>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col" className="col-select">
              <SelectAllBox ids={order} />
            </th>
            {COLUMNS.map((column) => {
              const active = sort.key === column.key;
              if (!column.key) {
                return (
                  <th key={column.label} scope="col" className={`${column.className} th-plain`}>
                    {column.label}
                  </th>
                );
              }
              const key = column.key;
              return (
                <th key={column.label} scope="col" className={column.className} aria-sort={active ? sort.direction : 'none'}>
                  <button type="button" className="sort-button" onClick={() => toggleSort(key)}>
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
          {padTop > 0 && <SpacerRow height={padTop} />}
          {items.map((item) => {
            const doc = sorted[item.index]!;
            return <DocumentRow key={doc.id} doc={doc} rowIndex={item.index + 2} order={order} />;
          })}
          {padBottom > 0 && <SpacerRow height={padBottom} />}
        </tbody>
      </table>
    </div>
  );
}

function SpacerRow({ height }: { height: number }) {
  return (
    <tr className="spacer-row" aria-hidden="true">
      <td colSpan={COLUMNS.length + 1} style={{ height }} />
    </tr>
  );
}
