import type { DocumentMeta } from '../../../shared/model';
import type { SortDirection, SortKey } from '../../store/library-slice';

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

const byTitle = (a: DocumentMeta, b: DocumentMeta) => collator.compare(a.title, b.title);

const COMPARE: Record<SortKey, (a: DocumentMeta, b: DocumentMeta) => number> = {
  title: byTitle,
  date: (a, b) => (a.date ?? '').localeCompare(b.date ?? ''),
  importedAt: (a, b) => a.importedAt.localeCompare(b.importedAt),
  size: (a, b) => a.size - b.size,
  type: (a, b) => a.type.localeCompare(b.type),
};

/** A sorted copy; ties fall back to title so the order is stable across reloads. Undated documents go last either way. */
export function sortDocuments(docs: readonly DocumentMeta[], key: SortKey, direction: SortDirection): DocumentMeta[] {
  const sign = direction === 'ascending' ? 1 : -1;
  const compare = COMPARE[key];
  return [...docs].sort((a, b) => {
    if (key === 'date' && Boolean(a.date) !== Boolean(b.date)) return a.date ? -1 : 1;
    return sign * compare(a, b) || byTitle(a, b) || a.id.localeCompare(b.id);
  });
}
