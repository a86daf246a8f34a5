import { useTranslation } from 'react-i18next';
import { isPaged, type DocumentMeta } from '../../../shared/model';
import { useAppStore } from '../../store';

/** On a PDF with scanned pages: read them by OCR now (or again, after a failure or a cancel). */
export function OcrButton({ meta }: { meta: DocumentMeta }) {
  const { t } = useTranslation();
  const runOcr = useAppStore((s) => s.runOcr);
  const reading = useAppStore((s) => s.ocrProgress?.docId === meta.id);
  if (!isPaged(meta.type) || reading || meta.ocr?.state === 'queued') return null;
  const scanned = meta.textLength === 0 || meta.ocr?.state === 'failed' || (meta.notices ?? []).some((n) => /needs OCR|No text layer/.test(n));
  if (!scanned && meta.ocr?.state !== 'done') return null;
  const again = meta.ocr?.state === 'done';
  return (
    <button type="button" className="button-secondary" onClick={() => void runOcr(meta.id)} title={again ? t('ocr.againHint') : t('ocr.runHint')}>
      {again ? t('ocr.again') : t('ocr.run')}
    </button>
  );
}
