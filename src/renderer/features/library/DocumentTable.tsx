import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import type { LibraryRow } from '../../../shared/model';
import { useAppStore } from '../../store';
import type { SortKey } from '../../store/library-slice';
import { DocumentRow, ROW_HEIGHT } from './DocumentRow';
import { SelectAllBox } from './SelectAllBox';
import { sortDocuments, warmUpSorts } from './sort-documents';

/** label: i18n key of the column's heading */
const COLUMNS: { key: SortKey | null; label: string; className: string }[] = [
  { key: 'title', label: 'table.title', className: 'col-title' },
  { key: 'date', label: 'table.date', className: 'col-docdate' },
  { key: 'importedAt', label: 'table.imported', className: 'col-date' },
  { key: 'size', label: 'table.size', className: 'col-size' },
  { key: 'type', label: 'table.type', className: 'col-type' },
  { key: null, label: 'table.language', className: 'col-lang' },
  { key: null, label: 'table.tags', className: 'col-tags' },
];

const SORT_KEYS = COLUMNS.flatMap((c) => (c.key ? [c.key] : []));

/** Runs `next` when the page is next idle (a frame painted, no input waiting); answers its cancel. */
function whenIdle(next: () => void): () => void {
  if (typeof requestIdleCallback !== 'function') {
    const timer = setTimeout(next, 50);
    return () => clearTimeout(timer);
  }
  const handle = requestIdleCallback(next, { timeout: 2_000 });
  return () => cancelIdleCallback(handle);
}

/**
 * The documents as a real table whose body holds only the rows in view (plus a margin):
 * spacer rows stand for the rest, so 10,000 documents cost what 40 do.
 */
export function DocumentTable({ documents }: { documents: LibraryRow[] }) {
  const { t } = useTranslation();
  const sort = useAppStore((s) => s.sort);
  const toggleSort = useAppStore((s) => s.toggleSort);
  const sorted = useMemo(() => sortDocuments(documents, sort.key, sort.direction), [documents, sort]);
  // The first view sorts by import time without ranking every title; the ranks each column's
  // first click needs are made once the page is idle after showing the rows (issue #19).
  useEffect(() => warmUpSorts(documents, SORT_KEYS, whenIdle), [documents]);
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
  const sortKey = COLUMNS.find((c) => c.key === sort.key)?.label;
  const sortLabel = sortKey ? t(sortKey).toLowerCase() : '';

  return (
    <div ref={scroller} className="doc-scroller" tabIndex={-1}>
      <table className="doc-table" aria-rowcount={sorted.length + 1}>
        <caption className="visually-hidden">
          {t('table.caption', { key: sortLabel, direction: t(`table.${sort.direction}`) })}
        </caption>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col" className="col-select">
              <SelectAllBox rows={sorted} />
            </th>
            {COLUMNS.map((column) => {
              const active = sort.key === column.key;
              if (!column.key) {
                return (
                  <th key={column.label} scope="col" className={`${column.className} th-plain`}>
                    {t(column.label)}
                  </th>
                );
              }
              const key = column.key;
              return (
                <th key={column.label} scope="col" className={column.className} aria-sort={active ? sort.direction : 'none'}>
                  <button type="button" className="sort-button" onClick={() => toggleSort(key)}>
                    {t(column.label)}
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
            return <DocumentRow key={doc.id} doc={doc} rowIndex={item.index + 2} order={sorted} />;
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
