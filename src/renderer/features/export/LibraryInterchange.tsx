import { useTranslation } from 'react-i18next';
import { AnnotationImportButton } from './AnnotationImportButton';
import { ExportButton } from './ExportButton';

/** In the library header: export the whole archive, import annotations made elsewhere. */
export function LibraryInterchange() {
  const { t } = useTranslation();
  return (
    <div className="library-interchange" role="group" aria-label={t('exporter.group')}>
      <ExportButton />
      <AnnotationImportButton />
    </div>
  );
}
