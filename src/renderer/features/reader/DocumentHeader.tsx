import { useTranslation } from 'react-i18next';
import type { DocumentMeta } from '../../../shared/model';
import { formatDate, formatSize, formatType } from '../../format';
import { ExportButton } from '../export/ExportButton';
import { OcrButton } from '../ocr/OcrButton';
import { OcrStatus } from '../ocr/OcrStatus';
import { TitleEditor } from './TitleEditor';

export function DocumentHeader({ meta }: { meta: DocumentMeta }) {
  const { t } = useTranslation();
  return (
    <header className="doc-header">
      <TitleEditor key={meta.id} id={meta.id} title={meta.title} />
      <div className="doc-header-actions">
        <OcrButton meta={meta} />
        <ExportButton ids={[meta.id]} />
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
