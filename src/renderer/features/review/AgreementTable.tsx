import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Figures, Prf, RelationAgreement } from '../../../shared/agreement';
import { useAppStore } from '../../store';
import { labelName } from '../entities/label-keys';

const fixed = (n: number | null) => (n === null ? null : n.toFixed(3));
const percent = (n: number | null) => (n === null ? null : `${(100 * n).toFixed(1)}%`);

/** Agreement between the layers, over this document or the whole archive: κ, α and span F1, then per label. */
export function AgreementTable() {
  const { t } = useTranslation();
  const agreement = useAppStore((s) => s.agreement);
  const loadAgreement = useAppStore((s) => s.loadAgreement);
  const labels = useAppStore((s) => s.labels);
  const relationTypes = useAppStore((s) => s.relationTypes);
  if (!agreement) return null;
  const report = agreement.report;
  const groups: [string, Figures][] = report ? [[t('agreement.allLabels'), report], ...report.labels.map((l): [string, Figures] => [labelName(labels, l.label), l])] : [];
  return (
    <section className="agreement" aria-labelledby="agreement-heading">
      <div className="agreement-head">
        <h2 id="agreement-heading">{t('agreement.heading')}</h2>
        <div role="radiogroup" aria-label={t('agreement.scope')} className="agreement-scope">
          {(['document', 'archive'] as const).map((scope) => (
            <label key={scope} className="check">
              <input type="radio" name="agreement-scope" checked={agreement.scope === scope} onChange={() => void loadAgreement(scope)} />
              {t(scope === 'document' ? 'agreement.scopeDocument' : 'agreement.scopeArchive')}
            </label>
          ))}
        </div>
      </div>
      {agreement.status === 'loading' && !report && <p className="loading">{t('agreement.loading')}</p>}
      {agreement.status === 'failed' && <p role="alert" className="field-error">{t('agreement.failed', { error: agreement.error })}</p>}
      {report && report.layers.length < 2 && <p className="hint">{t('agreement.needTwo')}</p>}
      {report && report.layers.length >= 2 && (
        <>
          <p className="hint">{t('agreement.tokens', { count: report.tokens, how: t('agreement.how') })}</p>
          <FiguresTable caption={t('agreement.caption', { layers: report.layers.join(', ') })} head={t('agreement.colScope')} groups={groups} busy={agreement.status === 'loading'} />
          {report.relations.types.length > 0 && (
            <RelationFiguresTable
              caption={t('agreement.relationsCaption', { layers: report.layers.join(', ') })}
              relations={report.relations}
              typeName={(id) => relationTypes.find((r) => r.id === id)?.name ?? id}
              busy={agreement.status === 'loading'}
            />
          )}
          {agreement.scope === 'archive' && report.documents.length > 0 && (
            <FiguresTable
              caption={t('agreement.perDocument', { count: report.documents.length })}
              head={t('agreement.colDocument')}
              groups={report.documents.map((d): [string, Figures] => [d.title, d])}
              busy={agreement.status === 'loading'}
            />
          )}
        </>
      )}
    </section>
  );
}

/** One table of figures: a group of rows (a label, a document) per entry, one row per pair of layers. */
function FiguresTable({ caption, head, groups, busy }: { caption: string; head: string; groups: [string, Figures][]; busy: boolean }) {
  const { t } = useTranslation();
  const dash = t('agreement.none');
  return (
    <div className="table-scroll">
      <table className="agreement-table" aria-busy={busy}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{head}</th>
            <th scope="col">{t('agreement.colAlpha')}</th>
            <th scope="col">{t('agreement.colPair')}</th>
            <th scope="col">{t('agreement.colKappa')}</th>
            <th scope="col">{t('agreement.colObserved')}</th>
            <th scope="col">{t('agreement.colExact')}</th>
            <th scope="col">{t('agreement.colOverlap')}</th>
            <th scope="col">{t('agreement.colPrecisionRecall')}</th>
          </tr>
        </thead>
        <tbody>
          <PairGroupRows
            groups={groups.map(([name, f]) => ({ name, summary: fixed(f.alpha) ?? dash, pairs: f.pairs }))}
            before={(p) => (
              <>
                <td className="num">{fixed(p.kappa) ?? dash}</td>
                <td className="num">{percent(p.observed) ?? dash}</td>
              </>
            )}
          />
        </tbody>
      </table>
    </div>
  );
}

/** Relation figures: all types, then each type; one row per pair of layers (P/R/F1, exact and overlap). */
function RelationFiguresTable({ caption, relations, typeName, busy }: { caption: string; relations: RelationAgreement; typeName: (id: string) => string; busy: boolean }) {
  const { t } = useTranslation();
  const groups: [string, Record<string, number>, RelationAgreement['pairs']][] = [
    [t('agreement.allRelationTypes'), relations.relations, relations.pairs],
    ...relations.types.map((r): [string, Record<string, number>, RelationAgreement['pairs']] => [typeName(r.type), r.relations, r.pairs]),
  ];
  return (
    <div className="table-scroll">
      <table className="agreement-table agreement-relations" aria-busy={busy}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('agreement.colRelationType')}</th>
            <th scope="col">{t('agreement.colRelations')}</th>
            <th scope="col">{t('agreement.colPair')}</th>
            <th scope="col">{t('agreement.colExact')}</th>
            <th scope="col">{t('agreement.colOverlap')}</th>
            <th scope="col">{t('agreement.colPrecisionRecall')}</th>
          </tr>
        </thead>
        <tbody>
          <PairGroupRows groups={groups.map(([name, counts, pairs]) => ({ name, summary: Object.values(counts).join(' / '), pairs }))} />
        </tbody>
      </table>
    </div>
  );
}

/**
 * The body rows of both figures tables: a group per entry (its name and one summary cell span
 * its rows), one row per pair of layers: the pair, `before`'s cells, then span F1 exact and
 * by overlap, and exact precision / recall.
 */
function PairGroupRows<P extends { a: string; b: string; exact: Prf; overlap: Prf }>({ groups, before }: { groups: { name: string; summary: ReactNode; pairs: readonly P[] }[]; before?: (pair: P) => ReactNode }) {
  const { t } = useTranslation();
  const dash = t('agreement.none');
  return groups.map(({ name, summary, pairs }, g) => (
    <Fragment key={`${g}:${name}`}>
      {pairs.map((p, i) => (
        <tr key={`${p.a}|${p.b}`} className={i === 0 ? 'group-start' : undefined}>
          {i === 0 && (
            <>
              <th scope="rowgroup" rowSpan={pairs.length}>
                {name}
              </th>
              <td rowSpan={pairs.length} className="num">
                {summary}
              </td>
            </>
          )}
          <td>
            {p.a} – {p.b}
          </td>
          {before?.(p)}
          <td className="num">{fixed(p.exact.f1) ?? dash}</td>
          <td className="num">{fixed(p.overlap.f1) ?? dash}</td>
          <td className="num">
            {fixed(p.exact.precision) ?? dash} / {fixed(p.exact.recall) ?? dash}
          </td>
        </tr>
      ))}
    </Fragment>
  ));
}
