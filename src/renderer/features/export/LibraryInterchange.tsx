import { AnnotationImportButton } from './AnnotationImportButton';
import { ExportButton } from './ExportButton';

/** In the library header: export the whole archive, import annotations made elsewhere. */
export function LibraryInterchange() {
  return (
    <div className="library-interchange" role="group" aria-label="Export and import annotations">
      <ExportButton />
      <AnnotationImportButton />
    </div>
  );
}
