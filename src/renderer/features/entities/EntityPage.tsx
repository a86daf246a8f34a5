import { useTranslation } from 'react-i18next';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { useEffect, useState, type CSSProperties } from 'react';
import { entitiesHref, libraryHref } from '../../routing';
import { useAppStore } from '../../store';
import { AliasEditor } from './AliasEditor';
import { DeleteEntityDialog } from './DeleteEntityDialog';
import { EntityMentions } from './EntityMentions';
import { EntityNameEditor } from './EntityNameEditor';
import { EntityRelations } from '../relations/EntityRelations';
import { labelColor, labelName } from './label-keys';

/** One entity: its names, every mention in context grouped by document, split, and the documents that mention it. */
export function EntityPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const page = useAppStore((s) => (s.entityPage?.id === id ? s.entityPage : null));
  const labels = useAppStore((s) => s.labels);
  const load = useAppStore((s) => s.loadEntityPage);
  const loadLabels = useAppStore((s) => s.loadLabels);
  const filterByEntity = useAppStore((s) => s.filterByEntity);
  const [deleting, setDeleting] = useState(false);

  useEffect(() => {
    void load(id);
    void loadLabels();
  }, [id, load, loadLabels]);
  const name = page?.entity?.name;
  useEffect(() => {
    document.title = name ? t('page.docTitle', { name }) : t('page.docTitleNone');
  }, [name, t]);

  const entity = page?.entity;
  const docCount = new Set(page?.mentions.map((m) => m.docId)).size;
  return (
    <main className="entity-page">
      <Breadcrumbs>
        <a href={entitiesHref} className="back-link">
          {t('ui.entities')}
        </a>
      </Breadcrumbs>
      {page?.status === 'failed' && (
        <div role="alert" className="alert alert-error">
          <div className="alert-text">
            <strong>{t('page.openFailed')}</strong>
            <span>{page.error}</span>
          </div>
        </div>
      )}
      {!entity && page?.status === 'loading' && <p className="loading">{t('page.loading')}</p>}
      {entity && (
        <>
          <header className="entity-head">
            <span className="label-tag" style={{ '--label': labelColor(labels, entity.label) } as CSSProperties}>
              {entity.label}
            </span>
            <span className="hint">{labelName(labels, entity.label)}</span>
            <EntityNameEditor key={entity.id} id={entity.id} name={entity.name} />
            <p className="entity-counts">
              {t('page.counts', { mentions: t('page.mentions', { count: page.mentions.length }), documents: t('page.documents', { count: docCount }) })}
            </p>
            <button
              type="button"
              className="button-secondary"
              onClick={() => {
                void filterByEntity(entity.id).then(() => {
                  window.location.hash = libraryHref;
                });
              }}
            >
              {t('page.filter')}
            </button>
            <button type="button" className="button-quiet" onClick={() => setDeleting(true)}>
              {t('entityDelete.button')}
            </button>
          </header>
          {deleting && (
            <DeleteEntityDialog
              entity={entity}
              mentions={page.mentions.length}
              onClose={(deleted) => {
                setDeleting(false);
                // The entity is gone: back to the registry, where the toast's Undo can bring it back.
                if (deleted === null) window.location.hash = entitiesHref;
              }}
            />
          )}
          <AliasEditor key={`aliases-${entity.id}`} entity={entity} />
          <EntityRelations relations={page.relations} />
          <EntityMentions entity={entity} mentions={page.mentions} />
        </>
      )}
    </main>
  );
}
