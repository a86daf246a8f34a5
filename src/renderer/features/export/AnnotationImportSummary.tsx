import { useTranslation } from 'react-i18next';
import type { AnnotationImportReport } from '../../../shared/model';
import '../../styles/export.css';
import { useAppStore } from '../../store';
import { i18n } from '../../i18n';

function reportLine(r: AnnotationImportReport): string {
  const parts = [i18n.t('annotationImport.imported', { count: r.imported }), i18n.t('annotationImport.skipped', { count: r.skipped })];
  if (r.duplicates) parts.push(i18n.t('annotationImport.duplicates', { count: r.duplicates }));
  if (r.created?.length) parts.push(i18n.t('annotationImport.created', { count: r.created.length }));
  if (r.warnings.length) parts.push(i18n.t('annotationImport.warnings', { count: r.warnings.length }));
  return i18n.t('annotationImport.line', { file: r.file, format: r.format, parts: parts.join(i18n.t('summary.separator')) });
}

/** What an annotation import did, file by file; the live region is always there so screen readers hear the result. */
export function AnnotationImportSummary() {
  const { t } = useTranslation();
  const run = useAppStore((s) => s.annotationImport);
  const dismiss = useAppStore((s) => s.dismissAnnotationImport);
  const total = run.state === 'done' ? run.reports.reduce((n, r) => n + r.imported, 0) : 0;
  return (
    <div className="annotation-import-status" aria-live="polite">
      {run.state === 'running' && <p className="annotation-import-line">{t('annotationImport.running', { files: t('annotationImport.files', { count: run.files }) })}</p>}
      {run.state === 'failed' && (
        <section className="annotation-import has-failures" aria-label={t('annotationImport.region')}>
          <p className="annotation-import-line">{t('annotationImport.failed', { message: run.message })}</p>
          <button type="button" className="button-quiet" onClick={dismiss}>
            {t('annotationImport.dismiss')}
          </button>
        </section>
      )}
      {run.state === 'done' && (
        <section className="annotation-import" aria-label={t('annotationImport.region')}>
          <p className="annotation-import-line">{t('annotationImport.done', { annotations: t('annotationImport.annotations', { count: total }) })}</p>
          <ul className="annotation-import-files">
            {run.reports.map((r, i) => (
              <li key={i}>
                <span>{reportLine(r)}</span>
                <ReportDetails title={t('annotationImport.skippedTitle')} items={r.reasons} />
                <ReportDetails title={t('annotationImport.warningsTitle')} items={r.warnings} />
              </li>
            ))}
          </ul>
          <button type="button" className="button-quiet" onClick={dismiss}>
            {t('annotationImport.dismiss')}
          </button>
        </section>
      )}
    </div>
  );
}

/** Reasons can run to thousands of lines: the first 50 are shown. */
function ReportDetails({ title, items }: { title: string; items: readonly string[] }) {
  const { t } = useTranslation();
  if (!items.length) return null;
  const shown = items.slice(0, 50);
  return (
    <details className="annotation-import-details">
      <summary>
        {title} ({items.length})
      </summary>
      <ul>
        {shown.map((item, i) => (
          <li key={i}>{item}</li>
        ))}
        {items.length > shown.length && <li>{t('annotationImport.more', { count: items.length - shown.length })}</li>}
      </ul>
    </details>
  );
}
