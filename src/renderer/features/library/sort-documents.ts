import type { DocumentMeta } from '../../../shared/model';
import type { SortDirection, SortKey } from '../../store/library-slice';

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

const COMPARE: Record<SortKey, (a: DocumentMeta, b: DocumentMeta) => number> = {
  title: (a, b) => collator.compare(a.title, b.title),
  importedAt: (a, b) => a.importedAt.localeCompare(b.importedAt),
  size: (a, b) => a.size - b.size,
  type: (a, b) => a.type.localeCompare(b.type),
};

/** A sorted copy; ties fall back to title so the order is stable across reloads. */
export function sortDocuments(docs: readonly DocumentMeta[], key: SortKey, direction: SortDirection): DocumentMeta[] {
  const sign = direction === 'ascending' ? 1 : -1;
  const compare = COMPARE[key];
  return [...docs].sort((a, b) => sign * compare(a, b) || COMPARE.title(a, b) || a.id.localeCompare(b.id));
}
