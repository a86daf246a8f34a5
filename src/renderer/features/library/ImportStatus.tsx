import { useTranslation } from 'react-i18next';
import { ProgressBar } from '../../components/ProgressBar';
import { useAppStore } from '../../store';
import { OcrStatus } from '../ocr/OcrStatus';
import { ImportSummaryPanel } from './ImportSummaryPanel';

/** Progress while an import runs (with Cancel), then what became of each file: announced politely. */
export function ImportStatus() {
  const { t } = useTranslation();
  const run = useAppStore((s) => s.importRun);
  const summary = useAppStore((s) => s.importSummary);
  const cancelImport = useAppStore((s) => s.cancelImport);

  return (
    <div className="import-status">
      <div aria-live="polite">
        {run && (
          <div className="import-run">
            <p className="import-run-text">
              {run.total ? t('importing.running', { done: run.done, count: run.total }) : t('importing.waiting')}
              {run.current && <span className="import-current"> — {run.current}</span>}
            </p>
            <div className="import-run-bar">
              <ProgressBar label={t('importing.progress')} value={run.done} max={Math.max(run.total, 1)} valueText={t('importing.valueText', { done: run.done, total: run.total })} />
              {run.runId && (
                <button type="button" className="button-secondary" disabled={run.cancelling} onClick={() => void cancelImport()}>
                  {run.cancelling ? t('importing.cancelling') : t('importing.cancel')}
                </button>
              )}
            </div>
          </div>
        )}
      </div>
      <OcrStatus />
      {!run && summary && <ImportSummaryPanel summary={summary} />}
    </div>
  );
}
