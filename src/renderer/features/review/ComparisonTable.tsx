import { useTranslation } from 'react-i18next';
import type { LayerMention } from '../../../shared/agreement';
import type { Label } from '../../../shared/model';
import { useAppStore } from '../../store';
import { GoldCell, LayerColumnHeads, VersionCell } from './ReviewTableParts';
import { useReviewRowKeys } from './use-review-row-keys';
import { labelName } from '../entities/label-keys';
import { layerColor, type ReviewRow } from './review-rows';

const CONTEXT = 40;

/**
 * The stretches where layers marked something, one row each: the text, how the layers stand,
 * each annotator's version (Accept copies it into gold) and gold's (relabel, remove).
 * Keyboard: ↑/↓ or j/k move between rows, 1–9 accept that layer's version, Delete removes gold's.
 */
export function ComparisonTable({ rows, layers, text, readOnly = false }: { rows: ReviewRow[]; layers: string[]; text: string; /** gold is read-only to this user: no controls */ readOnly?: boolean }) {
  const { t } = useTranslation();
  const labels = useAppStore((s) => s.labels);
  const accept = useAppStore((s) => s.acceptIntoGold);
  const remove = useAppStore((s) => s.removeFromGold);
  const relabel = useAppStore((s) => s.relabelGold);
  const { body, rowProps } = useReviewRowKeys(rows, layers, readOnly);

  const quote = (m: LayerMention) => text.slice(m.start, m.end);
  const statusText = (row: ReviewRow) => (row.status === 'missing' ? t('curation.status.missing', { layers: row.missing.join(', ') }) : t(`curation.status.${row.status}`));

  return (
    <div className="table-scroll">
      <table className="review-table">
        <caption>{t('curation.comparisonCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('curation.colText')}</th>
            <th scope="col">{t('curation.colStatus')}</th>
            <LayerColumnHeads layers={layers} />
          </tr>
        </thead>
        <tbody ref={body}>
          {rows.map((row, index) => (
            <tr
              key={`${row.start}:${row.end}:${index}`}
              {...rowProps(index, row.status)}
            >
              <td className="review-text">
                <span className="context">{text.slice(Math.max(0, row.start - CONTEXT), row.start)}</span>
                <mark className="review-stretch">{text.slice(row.start, row.end)}</mark>
                <span className="context">{text.slice(row.end, row.end + CONTEXT)}</span>
              </td>
              <td>
                <span className={`review-status review-status-${row.status}`}>{statusText(row)}</span>
              </td>
              {layers.map((layer) => {
                const versions = row.versions[layer] ?? [];
                return (
                  <VersionCell
                    key={layer}
                    count={versions.length}
                    readOnly={readOnly}
                    acceptLabel={t('curation.acceptVersion', { layer, quote: versions.map(quote).join(' … '), label: versions.map((m) => labelName(labels, m.label)).join(', ') })}
                    onAccept={() => void accept(versions.map((m) => m.id))}
                  >
                    {versions.map((m) => (
                      <VersionChip key={m.id} mention={m} quote={quote(m)} labels={labels} color={layerColor(layers, layer)} />
                    ))}
                  </VersionCell>
                );
              })}
              <GoldCell
                items={row.gold}
                readOnly={readOnly}
                chip={(g) => <VersionChip mention={g} quote={quote(g)} labels={labels} color={layerColor(layers, 'gold')} />}
                value={(g) => g.label}
                choices={labels}
                choiceLabel={(g) => t('curation.goldLabel', { quote: quote(g) })}
                onChoose={(g, label) => void relabel(g.id, label)}
                removeLabel={(g) => t('curation.removeGold', { quote: quote(g), label: labelName(labels, g.label) })}
                onRemove={(g) => void remove(g.id)}
              />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function VersionChip({ mention, quote, labels, color }: { mention: LayerMention; quote: string; labels: readonly Label[]; color: string }) {
  return (
    <span className="version-chip" style={{ borderColor: color }} data-layer={mention.layer} data-label={mention.label}>
      <span className="version-quote">{quote}</span>
      <span className="version-label">{labelName(labels, mention.label)}</span>
    </span>
  );
}
