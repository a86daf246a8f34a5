import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store';

/** "Export…" in the selection bar: the Export dialog for the ticked documents. */
export function ExportSelectionButton() {
  const { t } = useTranslation();
  const selection = useAppStore((s) => s.selection);
  const openExport = useAppStore((s) => s.openExport);
  return (
    <button type="button" className="button-secondary" disabled={!selection.size} onClick={() => openExport({ ids: [...selection] })}>
      {t('exporter.open')}
    </button>
  );
}
