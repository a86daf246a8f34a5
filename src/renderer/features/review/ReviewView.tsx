import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import '../../styles/review.css';
import { GOLD_LAYER } from '../../../shared/model';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { documentHref } from '../../routing';
import { useAppStore } from '../../store';
import { AgreementTable } from './AgreementTable';
import { ComparisonTable } from './ComparisonTable';
import { RelationTable } from './RelationTable';
import { relationRows } from './relation-rows';
import { annotatorLayers, layerColor, reviewRows } from './review-rows';

/**
 * The reviewer's view of one document (#18): every annotator's layer side by side, stretch
 * by stretch, with how they agree; the reviewer accepts a version (or relabels it) into the
 * gold layer, which exports like any other layer.
 */
export function ReviewView({ id }: { id: string }) {
  const { t } = useTranslation();
  const review = useAppStore((s) => (s.review?.docId === id ? s.review : null));
  const loadReview = useAppStore((s) => s.loadReview);
  const closeReview = useAppStore((s) => s.closeReview);
  const loadLabels = useAppStore((s) => s.loadLabels);
  const loadRelationTypes = useAppStore((s) => s.loadRelationTypes);
  const openExport = useAppStore((s) => s.openExport);
  const setExportLayer = useAppStore((s) => s.setExportLayer);
  const setWorkingLayer = useAppStore((s) => s.setWorkingLayer);

  useEffect(() => {
    void loadReview(id);
    void loadLabels();
    void loadRelationTypes();
    return () => closeReview();
  }, [id, loadReview, loadLabels, loadRelationTypes, closeReview]);

  const title = review?.title;
  useEffect(() => {
    document.title = `${t('curation.title')}${title ? ` — ${title}` : ''} — Marginalia`;
  }, [title, t]);

  const annotations = review?.annotations;
  const user = review?.user ?? '';
  const layers = useMemo(() => annotatorLayers(annotations ?? [], user), [annotations, user]);
  const rows = useMemo(() => reviewRows(annotations ?? [], user), [annotations, user]);
  const inGold = rows.filter((r) => r.gold.length).length;
  const relationTypes = useAppStore((s) => s.relationTypes);
  const undirected = useMemo(() => new Set(relationTypes.filter((r) => !r.directed).map((r) => r.id)), [relationTypes]);
  const relations = useMemo(() => relationRows(annotations ?? [], user, undirected), [annotations, user, undirected]);

  const exportGold = () => {
    openExport({ ids: [id] });
    setExportLayer(GOLD_LAYER);
  };

  return (
    <main className="review">
      <Breadcrumbs>
        <a href={documentHref(id)} className="back-link review-back">
          {t('curation.backToReader')}
        </a>
      </Breadcrumbs>
      <h1>
        {t('curation.title')}
        {title ? `: ${title}` : ''}
      </h1>
      {review?.status === 'loading' && <p className="loading">{t('curation.loading')}</p>}
      {review?.status === 'failed' && (
        <p role="alert" className="field-error">
          {t('curation.failed', { error: review.error })}
        </p>
      )}
      {review?.status === 'ready' && (
        <>
          <div className="review-bar">
            <ul className="layer-legend" aria-label={t('curation.layersHeading')}>
              {[...layers, GOLD_LAYER].map((layer) => (
                <li key={layer}>
                  <span className="layer-swatch" style={{ background: layerColor(layers, layer) }} aria-hidden="true" />
                  {layer === GOLD_LAYER ? t('layers.gold') : layer === user ? t('layers.own', { name: layer }) : layer}
                </li>
              ))}
            </ul>
            <span role="status" className="hint">
              {t('curation.progress', { done: inGold, total: rows.length })}
            </span>
            <button type="button" className="button-secondary" onClick={exportGold}>
              {t('curation.exportGold')}
            </button>
            {review.goldWritable && (
              <button
                type="button"
                className="button-secondary"
                onClick={() =>
                  void setWorkingLayer(GOLD_LAYER).then(() => {
                    window.location.hash = documentHref(id);
                  })
                }
              >
                {t('curation.editGold')}
              </button>
            )}
          </div>
          {!review.goldWritable && <p className="hint review-read-only">{t('curation.goldReadOnly', { user })}</p>}
          {layers.length < 2 && <p className="hint">{t('curation.fewLayers')}</p>}
          <AgreementTable />
          {review.goldWritable && <p className="hint review-keys">{t('curation.keys')}</p>}
          <ComparisonTable rows={rows} layers={layers} text={review.text} readOnly={!review.goldWritable} />
          <h2 className="review-relations-heading">{t('curation.relationsHeading')}</h2>
          {review.goldWritable && <p className="hint review-keys">{t('curation.relationKeys')}</p>}
          <RelationTable rows={relations} layers={layers} text={review.text} readOnly={!review.goldWritable} />
        </>
      )}
    </main>
  );
}
