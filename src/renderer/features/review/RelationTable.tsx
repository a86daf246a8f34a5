import { useTranslation } from 'react-i18next';
import type { RelationType } from '../../../shared/model';
import { useAppStore } from '../../store';
import { GoldCell, LayerColumnHeads, VersionCell } from './ReviewTableParts';
import { useReviewRowKeys } from './use-review-row-keys';
import { layerColor } from './review-rows';
import type { RelationRow, RelationVersion } from './relation-rows';

/**
 * The relations the layers drew, one row per place both ends run (relation-rows.ts): each
 * annotator's version (Accept copies it into gold, joining gold's mentions there or bringing its
 * own) and gold's (change its type, remove). Keys as in the stretches' table: ↑/↓ or j/k, 1–9, Delete.
 */
export function RelationTable({ rows, layers, text, readOnly = false }: { rows: RelationRow[]; layers: string[]; text: string; /** gold is read-only to this user: no controls */ readOnly?: boolean }) {
  const { t } = useTranslation();
  const types = useAppStore((s) => s.relationTypes);
  const accept = useAppStore((s) => s.acceptIntoGold);
  const remove = useAppStore((s) => s.removeFromGold);
  const retype = useAppStore((s) => s.retypeGold);
  const { body, rowProps } = useReviewRowKeys(rows, layers, readOnly);

  const typeName = (id: string) => types.find((r) => r.id === id)?.name ?? id;
  const describe = (r: RelationVersion) => `${text.slice(r.from.start, r.from.end)} → ${text.slice(r.to.start, r.to.end)} (${typeName(r.type)})`;
  if (!rows.length) return <p className="hint">{t('curation.relationsNone')}</p>;
  const status = (row: RelationRow) => (row.status === 'missing' ? t('curation.relationStatus.missing', { layers: row.missing.join(', ') }) : t(`curation.relationStatus.${row.status}`));
  const between = (row: RelationRow) => {
    const first = [...Object.values(row.versions).flat(), ...row.gold][0]!;
    return `${text.slice(first.from.start, first.from.end)} → ${text.slice(first.to.start, first.to.end)}`;
  };

  return (
    <div className="table-scroll">
      <table className="review-table review-relations">
        <caption>{t('curation.relationsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('curation.colRelation')}</th>
            <th scope="col">{t('curation.colStatus')}</th>
            <LayerColumnHeads layers={layers} />
          </tr>
        </thead>
        <tbody ref={body}>
          {rows.map((row, index) => (
            <tr
              key={[...Object.values(row.versions).flat(), ...row.gold].map((r) => r.id).join(',')}
              {...rowProps(index, row.status)}
            >
              <td className="review-text relation-between">{between(row)}</td>
              <td>
                <span className={`review-status review-status-${row.status === 'type' ? 'label' : row.status}`}>{status(row)}</span>
              </td>
              {layers.map((layer) => {
                const versions = row.versions[layer] ?? [];
                return (
                  <VersionCell
                    key={layer}
                    count={versions.length}
                    readOnly={readOnly}
                    acceptLabel={t('curation.acceptRelation', { layer, relation: versions.map(describe).join('; ') })}
                    onAccept={() => void accept(versions.map((r) => r.id))}
                  >
                    {versions.map((r) => (
                      <RelationChip key={r.id} relation={r} text={text} types={types} color={layerColor(layers, layer)} />
                    ))}
                  </VersionCell>
                );
              })}
              <GoldCell
                items={row.gold}
                readOnly={readOnly}
                chip={(g) => <RelationChip relation={g} text={text} types={types} color={layerColor(layers, 'gold')} />}
                value={(g) => g.type}
                choices={types}
                choiceLabel={(g) => t('curation.goldType', { relation: describe(g) })}
                onChoose={(g, type) => void retype(g.id, type)}
                removeLabel={(g) => t('curation.removeRelation', { relation: describe(g) })}
                onRemove={(g) => void remove(g.id)}
              />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RelationChip({ relation, text, types, color }: { relation: RelationVersion; text: string; types: readonly RelationType[]; color: string }) {
  return (
    <span className="version-chip relation-chip" style={{ borderColor: color }} data-layer={relation.layer} data-type={relation.type}>
      <span className="version-quote">
        {text.slice(relation.from.start, relation.from.end)} → {text.slice(relation.to.start, relation.to.end)}
      </span>
      <span className="version-label">{types.find((r) => r.id === relation.type)?.name ?? relation.type}</span>
    </span>
  );
}
