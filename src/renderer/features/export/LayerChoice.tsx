import { useTranslation } from 'react-i18next';
import { GOLD_LAYER } from '../../../shared/model';
import { useAppStore } from '../../store';

/** The Export dialog's layer: every layer, or one annotator's, or gold (#18). Shown once the archive has layers. */
export function LayerChoice() {
  const { t } = useTranslation();
  const layers = useAppStore((s) => s.exportLayers);
  const layer = useAppStore((s) => s.exportLayer);
  const setLayer = useAppStore((s) => s.setExportLayer);
  const user = useAppStore((s) => s.teamUser);
  if (layers.length < 2 && !layers.includes(GOLD_LAYER)) return null;
  const name = (l: string) => (l === GOLD_LAYER ? t('layers.gold') : l === (user || layers[0]) ? t('layers.own', { name: l }) : l);
  return (
    <div className="export-layer">
      <label htmlFor="export-layer">{t('layers.exportLayer')}</label>
      <select id="export-layer" value={layer} onChange={(event) => setLayer(event.target.value)}>
        <option value="">{t('layers.exportAll')}</option>
        {layers.map((l) => (
          <option key={l} value={l}>
            {name(l)}
          </option>
        ))}
      </select>
    </div>
  );
}
