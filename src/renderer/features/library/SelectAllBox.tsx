import { useTranslation } from 'react-i18next';
import { useEffect, useRef } from 'react';
import type { LibraryRow } from '../../../shared/model';
import { useAppStore } from '../../store';

/**
 * The header checkbox: ticks every document shown (all of them, not just the rows in view).
 * It renders at every sort: with nothing selected it looks at no row (issue #19: counting
 * 100,000 ids in an empty selection was a fifth of a sort's click).
 */
export function SelectAllBox({ rows }: { rows: readonly LibraryRow[] }) {
  const { t } = useTranslation();
  const selection = useAppStore((s) => s.selection);
  const setSelection = useAppStore((s) => s.setSelection);
  const clearSelection = useAppStore((s) => s.clearSelection);
  const box = useRef<HTMLInputElement>(null);
  const count = selection.size === 0 ? 0 : rows.reduce((n, d) => (selection.has(d.id) ? n + 1 : n), 0);
  const all = rows.length > 0 && count === rows.length;

  useEffect(() => {
    if (box.current) box.current.indeterminate = count > 0 && !all;
  }, [count, all]);

  return (
    <input
      ref={box}
      type="checkbox"
      aria-label={t('table.selectAll')}
      checked={all}
      onChange={() => (all ? clearSelection() : setSelection(new Set(rows.map((d) => d.id)), null))}
    />
  );
}
