import { ProgressBar } from '../../components/ProgressBar';
import { useAppStore } from '../../store';
import { ImportSummaryPanel } from './ImportSummaryPanel';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Progress while an import runs (with Cancel), then what became of each file: announced politely. */
export function ImportStatus() {
  const run = useAppStore((s) => s.importRun);
  const summary = useAppStore((s) => s.importSummary);
  const cancelImport = useAppStore((s) => s.cancelImport);

  return (
    <div className="import-status">
      <div aria-live="polite">
        {run && (
          <div className="import-run">
            <p className="import-run-text">
              {run.total ? `Importing ${run.done} of ${plural(run.total, 'file')}` : 'Waiting for files…'}
              {run.current && <span className="import-current"> — {run.current}</span>}
            </p>
            <div className="import-run-bar">
              <ProgressBar label="Import progress" value={run.done} max={Math.max(run.total, 1)} valueText={`${run.done} of ${run.total} files`} />
              {run.runId && (
                <button type="button" className="button-secondary" disabled={run.cancelling} onClick={() => void cancelImport()}>
                  {run.cancelling ? 'Cancelling…' : 'Cancel'}
                </button>
              )}
            </div>
          </div>
        )}
      </div>
      {!run && summary && <ImportSummaryPanel summary={summary} />}
    </div>
  );
}
