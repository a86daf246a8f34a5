import type { DocumentMeta } from '../../../shared/model';
import { formatDate, formatSize, formatType } from '../../format';
import { TitleEditor } from './TitleEditor';

export function DocumentHeader({ meta }: { meta: DocumentMeta }) {
  return (
    <header className="doc-header">
      <TitleEditor key={meta.id} id={meta.id} title={meta.title} />
      <dl className="doc-meta">
        <div>
          <dt>Type</dt>
          <dd>{formatType(meta.type)}</dd>
        </div>
        <div>
          <dt>Size</dt>
          <dd>{formatSize(meta.size)}</dd>
        </div>
        <div>
          <dt>Imported</dt>
          <dd>
            <time dateTime={meta.importedAt}>{formatDate(meta.importedAt)}</time>
          </dd>
        </div>
        <div>
          <dt>Source file</dt>
          <dd className="doc-source">{meta.sourceName}</dd>
        </div>
        <div>
          <dt>Encoding</dt>
          <dd>{meta.encoding}</dd>
        </div>
      </dl>
    </header>
  );
}
