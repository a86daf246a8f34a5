import { memo } from 'react';
import type { LibraryRow } from '../../../shared/model';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDay, formatSize, formatType } from '../../format';
import { documentHref } from '../../routing';
import { useAppStore } from '../../store';
import { clickSelection } from './select-range';
import { useStoreApi } from './use-store-api';

/** Rows have one fixed height (CSS: .doc-table tbody td), so the virtualiser needs no measuring. */
export const ROW_HEIGHT = 41;


interface Props {
  doc: LibraryRow;
  /** 1-based, the header row being 1 */
  rowIndex: number;
  /** the rows in the order shown, for shift-click ranges (their ids are listed only on a click: issue #19, not at every sort of 100,000 rows) */
  order: readonly LibraryRow[];
}

export const DocumentRow = memo(function DocumentRow({ doc, rowIndex, order }: Props) {
  const { t } = useTranslation(); // dates follow the interface language too
  const selected = useAppStore((s) => s.selection.has(doc.id));
  const openDetails = useAppStore((s) => s.openDetails);
  const notices = doc.notices ?? [];

  const store = useStoreApi();
  const toggle = (shift: boolean) => {
    const { selection, selectionAnchor, setSelection } = store.getState();
    setSelection(clickSelection(selection, order.map((d) => d.id), selectionAnchor, doc.id, shift), doc.id);
  };

  return (
    <tr aria-rowindex={rowIndex} className={selected ? 'is-selected' : undefined}>
      <td className="col-select">
        <input type="checkbox" aria-label={t('table.select', { title: doc.title })} checked={selected} onChange={() => undefined} onClick={(e) => toggle(e.shiftKey)} />
      </td>
      <td className="col-title">
        <div className="title-cell">
          <a className="doc-link" href={documentHref(doc.id)} title={doc.sourceName}>
            {doc.title}
          </a>
          {notices.length > 0 && (
            <span className="doc-notice" role="img" aria-label={t('table.notice', { notices: notices.join('; ') })} title={notices.join('\n')}>
              !
            </span>
          )}
          <button type="button" className="row-details" aria-label={t('table.detailsOf', { title: doc.title })} onClick={() => openDetails(doc.id)}>
            {t('table.details')}
          </button>
        </div>
      </td>
      <td className="col-docdate">{doc.date ? <time dateTime={doc.date}>{doc.date}</time> : <span className="none">—</span>}</td>
      <td className="col-date">
        <time dateTime={doc.importedAt} title={formatDate(doc.importedAt)}>
          {formatDay(doc.importedAt)}
        </time>
      </td>
      <td className="col-size">{formatSize(doc.size)}</td>
      <td className="col-type">{formatType(doc.type)}</td>
      <td className="col-lang">{doc.language ?? <span className="none">—</span>}</td>
      <td className="col-tags" title={(doc.tags ?? []).join(', ')}>
        {(doc.tags ?? []).map((tag) => (
          <span key={tag} className="tag-pill">
            {tag}
          </span>
        ))}
      </td>
    </tr>
  );
});
