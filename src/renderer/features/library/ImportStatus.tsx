import { ProgressBar } from '../../components/ProgressBar';
import { useAppStore } from '../../store';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Progress while an import runs, then what became of each file: announced politely to screen readers. */
export function ImportStatus() {
  const run = useAppStore((s) => s.importRun);
  const summary = useAppStore((s) => s.importSummary);
  const dismiss = useAppStore((s) => s.dismissImportSummary);

  return (
    <div className="import-status" aria-live="polite">
      {run && (
        <div className="import-run">
          <p className="import-run-text">
            Importing {run.done} of {plural(run.total, 'file')}
            {run.current && <span className="import-current"> — {run.current}</span>}
          </p>
          <ProgressBar label="Import progress" value={run.done} max={run.total} valueText={`${run.done} of ${run.total} files`} />
        </div>
      )}
      {!run && summary && (
        <section className={`import-summary${summary.failed.length ? ' has-failures' : ''}`} aria-label="Import summary">
          <p className="import-summary-line">
            Import finished: {summary.imported.length} imported, {plural(summary.duplicates.length, 'duplicate')}, {summary.failed.length} failed.
          </p>
          {summary.duplicates.length > 0 && (
            <p className="import-duplicates">
              Already in the archive: {summary.duplicates.map((o) => (o.status === 'duplicate' ? `${o.file} (as “${o.doc.title}”)` : o.file)).join(', ')}
            </p>
          )}
          {summary.failed.length > 0 && (
            <ul className="import-failures" aria-label="Files that were not imported">
              {summary.failed.map((o, i) => (
                <li key={`${o.file}-${i}`}>
                  <strong>{o.file}</strong>: {o.reason}
                </li>
              ))}
            </ul>
          )}
          <button type="button" className="button-quiet" onClick={dismiss}>
            Dismiss summary
          </button>
        </section>
      )}
    </div>
  );
}
