import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store';

/** How the export went: the file downloaded and what the user should know, or why it failed. */
export function ExportStatusView() {
  const { t } = useTranslation();
  const status = useAppStore((s) => s.exportStatus);
  return (
    <div className="export-status">
      <p className="export-done" role="status">
        {status.state === 'running' && t('exporter.preparing')}
        {status.state === 'done' && t('exporter.done', { name: status.name, documents: t('exporter.documents', { count: status.documents }) })}
      </p>
      {status.state === 'done' && status.notices.length > 0 && (
        <ul className="export-notices" aria-label={t('exporter.notices')}>
          {status.notices.map((notice, i) => (
            <li key={i}>{notice}</li>
          ))}
        </ul>
      )}
      {status.state === 'failed' && (
        <p className="export-error" role="alert">
          {t('exporter.failed', { message: status.message })}
        </p>
      )}
    </div>
  );
}
