import { useTranslation } from 'react-i18next';
import { ProgressBar } from '../../components/ProgressBar';
import { useAppStore } from '../../store';

/** Pages read by OCR of pages to do, with an estimate and Cancel; the archive stays usable meanwhile. */
export function OcrStatus({ docId }: { docId?: string }) {
  const { t } = useTranslation();
  const progress = useAppStore((s) => s.ocrProgress);
  const cancelOcr = useAppStore((s) => s.cancelOcr);
  if (!progress || (docId && progress.docId !== docId)) return null;
  const reading = progress.pages === 0 ? t('ocr.starting', { title: progress.title }) : t('ocr.reading', { title: progress.title, page: progress.page, pages: progress.pages });
  return (
    <div className="ocr-status" role="status" aria-live="polite">
      <p className="ocr-status-text">
        {reading}
        {progress.etaSeconds !== undefined && <span> · {t('ocr.eta', { seconds: progress.etaSeconds })}</span>}
        {progress.waiting > 0 && <span> · {t('ocr.waiting', { count: progress.waiting })}</span>}
      </p>
      <div className="import-run-bar">
        <ProgressBar label={t('ocr.progress')} value={progress.page} max={Math.max(progress.pages, 1)} valueText={t('ocr.valueText', { page: progress.page, pages: progress.pages })} />
        <button type="button" className="button-secondary" onClick={() => void cancelOcr()}>
          {t('ocr.cancel')}
        </button>
      </div>
    </div>
  );
}
