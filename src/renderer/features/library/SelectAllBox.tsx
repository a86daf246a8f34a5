import { useTranslation } from 'react-i18next';
import { useEffect, useRef } from 'react';
import { useAppStore } from '../../store';

/** The header checkbox: ticks every document shown (all of them, not just the rows in view). */
export function SelectAllBox({ ids }: { ids: readonly string[] }) {
  const { t } = useTranslation();
  const selection = useAppStore((s) => s.selection);
  const setSelection = useAppStore((s) => s.setSelection);
  const clearSelection = useAppStore((s) => s.clearSelection);
  const box = useRef<HTMLInputElement>(null);
  const count = ids.reduce((n, id) => (selection.has(id) ? n + 1 : n), 0);
  const all = ids.length > 0 && count === ids.length;

  useEffect(() => {
    if (box.current) box.current.indeterminate = count > 0 && !all;
  }, [count, all]);

  return (
    <input
      ref={box}
      type="checkbox"
      aria-label={t('table.selectAll')}
      checked={all}
      onChange={() => (all ? clearSelection() : setSelection(new Set(ids), null))}
    />
  );
}
