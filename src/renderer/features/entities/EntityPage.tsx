import { useEffect, type CSSProperties } from 'react';
import { entitiesHref, libraryHref } from '../../routing';
import { useAppStore } from '../../store';
import { AliasEditor } from './AliasEditor';
import { EntityMentions } from './EntityMentions';
import { EntityNameEditor } from './EntityNameEditor';
import { labelColor, labelName } from './label-keys';

/** One entity: its names, every mention in context grouped by document, split, and the documents that mention it. */
export function EntityPage({ id }: { id: string }) {
  const page = useAppStore((s) => (s.entityPage?.id === id ? s.entityPage : null));
  const labels = useAppStore((s) => s.labels);
  const load = useAppStore((s) => s.loadEntityPage);
  const loadLabels = useAppStore((s) => s.loadLabels);
  const filterByEntity = useAppStore((s) => s.filterByEntity);

  useEffect(() => {
    void load(id);
    void loadLabels();
  }, [id, load, loadLabels]);
  const name = page?.entity?.name;
  useEffect(() => {
    document.title = name ? `${name} — Entities — Marginalia` : 'Entity — Marginalia';
  }, [name]);

  const entity = page?.entity;
  const docCount = new Set(page?.mentions.map((m) => m.docId)).size;
  return (
    <main className="entity-page">
      <nav className="reader-nav" aria-label="Breadcrumb">
        <a href={libraryHref} className="back-link">
          <span aria-hidden="true">← </span>Library
        </a>
        <a href={entitiesHref} className="back-link">
          Entities
        </a>
      </nav>
      {page?.status === 'failed' && (
        <div role="alert" className="alert alert-error">
          <div className="alert-text">
            <strong>Could not open this entity</strong>
            <span>{page.error}</span>
          </div>
        </div>
      )}
      {!entity && page?.status === 'loading' && <p className="loading">Loading the entity…</p>}
      {entity && (
        <>
          <header className="entity-head">
            <span className="label-tag" style={{ '--label': labelColor(labels, entity.label) } as CSSProperties}>
              {entity.label}
            </span>
            <span className="hint">{labelName(labels, entity.label)}</span>
            <EntityNameEditor key={entity.id} id={entity.id} name={entity.name} />
            <p className="entity-counts">
              {page.mentions.length} {page.mentions.length === 1 ? 'mention' : 'mentions'} in {docCount} {docCount === 1 ? 'document' : 'documents'}
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
              Documents mentioning this entity
            </button>
          </header>
          <AliasEditor key={`aliases-${entity.id}`} entity={entity} />
          <EntityMentions entity={entity} mentions={page.mentions} />
        </>
      )}
    </main>
  );
}
