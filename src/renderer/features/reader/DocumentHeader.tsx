import { useTranslation } from 'react-i18next';
import type { DocumentMeta } from '../../../shared/model';
import { formatDate, formatSize, formatType } from '../../format';
import { ExportButton } from '../export/ExportButton';
import { OcrButton } from '../ocr/OcrButton';
import { OcrStatus } from '../ocr/OcrStatus';
import { TitleEditor } from './TitleEditor';
import { libraryHref } from '../../routing';
import { useAppStore } from '../../store';

export function DocumentHeader({ meta }: { meta: DocumentMeta }) {
  const { t } = useTranslation();
  const deleteDocuments = useAppStore((s) => s.deleteDocuments);
  return (
    <header className="doc-header">
      <TitleEditor key={meta.id} id={meta.id} title={meta.title} />
      <div className="doc-header-actions">
        <OcrButton meta={meta} />
        <ExportButton ids={[meta.id]} />
        <button
          type="button"
          className="button-quiet"
          onClick={() => {
            // The trash keeps it whole; the toast's Undo brings it back.
            void deleteDocuments([meta.id]).then((failure) => {
              if (!failure) window.location.hash = libraryHref;
            });
          }}
        >
          {t('trash.deleteDocument')}
        </button>
      </div>
      <OcrStatus docId={meta.id} />
      <dl className="doc-meta">
        <div>
          <dt>{t('ui.type')}</dt>
          <dd>{formatType(meta.type)}</dd>
        </div>
        <div>
          <dt>{t('ui.size')}</dt>
          <dd>{formatSize(meta.size)}</dd>
        </div>
        <div>
          <dt>{t('ui.imported')}</dt>
          <dd>
            <time dateTime={meta.importedAt}>{formatDate(meta.importedAt)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('ui.sourceFile')}</dt>
          <dd className="doc-source">{meta.sourceName}</dd>
        </div>
        <div>
          <dt>{t('ui.encoding')}</dt>
          <dd>{meta.encoding}</dd>
        </div>
      </dl>
    </header>
  );
}
