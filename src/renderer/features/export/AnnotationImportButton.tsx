import { useTranslation } from 'react-i18next';
import { useRef } from 'react';
import { useAppStore } from '../../store';

/** brat .ann with its .txt (and annotation.conf), doccano .jsonl, CoNLL, Label Studio and W3C .json/.jsonld. */
export const ANNOTATION_ACCEPT = '.jsonl,.ann,.txt,.conf,.json,.jsonld,.conll,.iob,.bio';

/** "Import annotations…": picks annotation files (several at once) and imports them. */
export function AnnotationImportButton() {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const importAnnotations = useAppStore((s) => s.importAnnotations);
  const busy = useAppStore((s) => s.annotationImport.state === 'running');
  const layer = useAppStore((s) => s.annotationImportLayer);
  const setLayer = useAppStore((s) => s.setAnnotationImportLayer);
  return (
    <>
      <label className="import-layer" title={t('layers.importLayerHint')}>
        <span>{t('layers.importLayer')}</span>
        <input value={layer} maxLength={64} size={10} placeholder={t('layers.importLayerHint')} onChange={(event) => setLayer(event.target.value)} />
      </label>
      <input
        ref={input}
        type="file"
        multiple
        accept={ANNOTATION_ACCEPT}
        className="visually-hidden"
        tabIndex={-1}
        aria-label={t('annotationImport.input')}
        onChange={(event) => {
          const files = Array.from(event.currentTarget.files ?? []);
          event.currentTarget.value = '';
          void importAnnotations(files);
        }}
      />
      <button
        type="button"
        className="button-secondary"
        disabled={busy}
        title={t('annotationImport.formats')}
        onClick={() => input.current?.click()}
      >
        {t('annotationImport.open')}
      </button>
    </>
  );
}
