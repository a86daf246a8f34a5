import type { AnnotationImportReport } from '../../../shared/model';
import '../../styles/export.css';
import { useAppStore } from '../../store';
import { plural } from './formats';

function reportLine(r: AnnotationImportReport): string {
  const parts = [`imported ${r.imported}`, `skipped ${r.skipped}`];
  if (r.warnings.length) parts.push(plural(r.warnings.length, 'warning'));
  return `${r.file} (${r.format}): ${parts.join(', ')}`;
}

/** What an annotation import did, file by file; the live region is always there so screen readers hear the result. */
export function AnnotationImportSummary() {
  const run = useAppStore((s) => s.annotationImport);
  const dismiss = useAppStore((s) => s.dismissAnnotationImport);
  const total = run.state === 'done' ? run.reports.reduce((n, r) => n + r.imported, 0) : 0;
  return (
    <div className="annotation-import-status" aria-live="polite">
      {run.state === 'running' && <p className="annotation-import-line">Importing annotations from {plural(run.files, 'file')}…</p>}
      {run.state === 'failed' && (
        <section className="annotation-import has-failures" aria-label="Annotation import">
          <p className="annotation-import-line">Could not import annotations: {run.message}</p>
          <button type="button" className="button-quiet" onClick={dismiss}>
            Dismiss
          </button>
        </section>
      )}
      {run.state === 'done' && (
        <section className="annotation-import" aria-label="Annotation import">
          <p className="annotation-import-line">Annotation import finished: {plural(total, 'annotation')} imported.</p>
          <ul className="annotation-import-files">
            {run.reports.map((r, i) => (
              <li key={i}>
                <span>{reportLine(r)}</span>
                <ReportDetails title="Skipped" items={r.reasons} />
                <ReportDetails title="Warnings" items={r.warnings} />
              </li>
            ))}
          </ul>
          <button type="button" className="button-quiet" onClick={dismiss}>
            Dismiss
          </button>
        </section>
      )}
    </div>
  );
}

/** Reasons can run to thousands of lines: the first 50 are shown. */
function ReportDetails({ title, items }: { title: string; items: readonly string[] }) {
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
        {items.length > shown.length && <li>…and {items.length - shown.length} more</li>}
      </ul>
    </details>
  );
}
