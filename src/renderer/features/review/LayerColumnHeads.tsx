import { useTranslation } from 'react-i18next';
import { layerColor } from './review-rows';

/** A review table's column heads for the layers (swatch, name, the number key that accepts its version), then gold's. */
export function LayerColumnHeads({ layers }: { layers: string[] }) {
  const { t } = useTranslation();
  return (
    <>
      {layers.map((layer, i) => (
        <th scope="col" key={layer}>
          <span className="layer-swatch" style={{ background: layerColor(layers, layer) }} aria-hidden="true" />
          {layer} <kbd aria-hidden="true">{i < 9 ? i + 1 : ''}</kbd>
        </th>
      ))}
      <th scope="col">
        <span className="layer-swatch" style={{ background: layerColor(layers, 'gold') }} aria-hidden="true" />
        {t('curation.colGold')}
      </th>
    </>
  );
}
