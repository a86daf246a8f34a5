import { useRef, type KeyboardEvent } from 'react';
import { useAppStore } from '../../store';

/** What the keys need of a row: each layer's version and gold's, by annotation id. */
interface KeyedRow {
  versions: Record<string, readonly { id: string }[]>;
  gold: readonly { id: string }[];
}

/**
 * The keys of a review table's rows (stretches and relations alike): ↑/↓ or j/k move between
 * rows, 1–9 accept that layer's version into gold, Delete/Backspace removes gold's; nothing
 * changes gold when it is read-only. `body` goes on the table's tbody, `rowProps` on each row.
 */
export function useReviewRowKeys(rows: readonly KeyedRow[], layers: readonly string[], readOnly: boolean) {
  const accept = useAppStore((s) => s.acceptIntoGold);
  const remove = useAppStore((s) => s.removeFromGold);
  const body = useRef<HTMLTableSectionElement>(null);

  const focusRow = (index: number) => body.current?.querySelectorAll<HTMLElement>('tr')[Math.max(0, Math.min(rows.length - 1, index))]?.focus();

  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, index: number) => {
    // keys typed in the row's own controls (gold's label or type) are theirs
    if (event.target !== event.currentTarget) return;
    const row = rows[index]!;
    const key = event.key;
    if (key === 'ArrowDown' || key === 'j') focusRow(index + 1);
    else if (key === 'ArrowUp' || key === 'k') focusRow(index - 1);
    else if (/^[1-9]$/.test(key) && layers[Number(key) - 1] && !readOnly) {
      const chosen = row.versions[layers[Number(key) - 1]!] ?? [];
      if (!chosen.length) return;
      void accept(chosen.map((v) => v.id)).then(() => focusRow(index + 1));
    } else if (key === 'Delete' || key === 'Backspace') {
      if (!row.gold.length || readOnly) return;
      void Promise.all(row.gold.map((g) => remove(g.id))).then(() => focusRow(index));
    } else return;
    event.preventDefault();
    event.stopPropagation();
  };

  /** The row's props: focusable, its status as class and data-status, the keys above. */
  const rowProps = (index: number, status: string) => ({
    tabIndex: 0,
    className: `review-row status-${status}`,
    'data-status': status,
    'aria-keyshortcuts': '1 2 3 4 5 6 7 8 9 Delete ArrowUp ArrowDown',
    onKeyDown: (event: KeyboardEvent<HTMLTableRowElement>) => onKeyDown(event, index),
  });

  return { body, rowProps };
}
