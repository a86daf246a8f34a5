import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store';

interface Props {
  /** these documents; none for the whole archive */
  ids?: readonly string[];
  className?: string;
  /** a fuller accessible name where "Export…" alone would be vague */
  label?: string;
}

/** "Export…": opens the Export dialog for these documents or the whole archive. */
export function ExportButton({ ids, className = 'button-secondary', label }: Props) {
  const { t } = useTranslation();
  const openExport = useAppStore((s) => s.openExport);
  return (
    <button type="button" className={className} aria-label={label} onClick={() => openExport(ids?.length ? { ids: [...ids] } : {})}>
      {t('exporter.open')}
    </button>
  );
}
