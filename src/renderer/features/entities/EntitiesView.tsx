import { useTranslation } from 'react-i18next';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { useEffect, useState, type CSSProperties } from 'react';
import { entityHref } from '../../routing';
import { useAppStore } from '../../store';
import { displayName, labelColor, labelName } from './label-keys';
import { MergeDialog } from './MergeDialog';
import { DeleteEntityDialog } from './DeleteEntityDialog';
import type { EntitySummary } from '../../../shared/model';

/** The registry: every entity with its label, aliases and how often it is mentioned; filter, search, merge. */
export function EntitiesView() {
  const { t } = useTranslation();
  const list = useAppStore((s) => s.entityList);
  const labels = useAppStore((s) => s.labels);
  const loadLabels = useAppStore((s) => s.loadLabels);
  const load = useAppStore((s) => s.loadEntityList);
  const [label, setLabel] = useState('');
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [merging, setMerging] = useState(false);
  const [deleting, setDeleting] = useState<EntitySummary | null>(null);

  useEffect(() => {
    document.title = `${t('ui.entities')} — Marginalia`;
    void loadLabels();
  }, [loadLabels, t]);
  useEffect(() => {
    const timer = window.setTimeout(() => void load({ label, query }), query ? 150 : 0);
    return () => window.clearTimeout(timer);
  }, [label, query, load]);

  const items = list?.items ?? [];
  const chosen = items.filter((e) => selected.has(e.id));
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (!next.delete(id)) next.add(id);
    setSelected(next);
  };

  return (
    <main className="entities" aria-labelledby="entities-title">
      <Breadcrumbs />
      <header className="entities-header">
        <h1 id="entities-title">{t('ui.entities')}</h1>
        <div className="entities-tools" role="search" aria-label={t('registry.find')}>
          <input type="search" aria-label={t('registry.search')} placeholder={t('registry.searchPlaceholder')} value={query} onChange={(e) => setQuery(e.target.value)} />
          <select aria-label={t('registry.filter')} value={label} onChange={(e) => setLabel(e.target.value)}>
            <option value="">{t('ui.allLabels')}</option>
            {labels.map((l) => (
              <option key={l.id} value={l.id}>
                {t('registry.labelOption', { name: displayName(l), id: l.id })}
              </option>
            ))}
          </select>
          <button type="button" className="button-secondary" disabled={chosen.length < 2} onClick={() => setMerging(true)}>
            {chosen.length > 1 ? t('registry.mergeN', { n: chosen.length }) : t('registry.merge')}
          </button>
        </div>
      </header>
      {list?.status === 'failed' && <p className="field-error">{t('registry.loadFailed', { error: list.error })}</p>}
      {list?.status === 'ready' && items.length === 0 && (
        <p className="hint">{label || query ? t('registry.noMatch') : t('registry.empty')}</p>
      )}
      {items.length > 0 && (
        <table className="entity-table">
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">{t('registry.select')}</span>
              </th>
              <th scope="col">{t('ui.label')}</th>
              <th scope="col">{t('ui.name')}</th>
              <th scope="col">{t('ui.aliases')}</th>
              <th scope="col">{t('ui.mentions')}</th>
              <th scope="col">{t('ui.documents')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('trash.colActions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr key={e.id}>
                <td>
                  <input type="checkbox" aria-label={t('registry.selectOne', { name: e.name })} checked={selected.has(e.id)} onChange={() => toggle(e.id)} />
                </td>
                <td>
                  <span className="label-tag" style={{ '--label': labelColor(labels, e.label) } as CSSProperties} title={labelName(labels, e.label)}>
                    {e.label}
                  </span>
                </td>
                <td>
                  <a href={entityHref(e.id)}>{e.name}</a>
                </td>
                <td className="aliases">{e.aliases.join(', ')}</td>
                <td className="num">{e.mentionCount}</td>
                <td className="num">{e.documentCount}</td>
                <td className="trash-actions">
                  <button type="button" className="button-quiet" aria-label={t('entityDelete.buttonOne', { name: e.name })} onClick={() => setDeleting(e)}>
                    {t('entityDelete.short')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {deleting && (
        <DeleteEntityDialog
          entity={deleting}
          mentions={deleting.mentionCount}
          onClose={() => {
            setSelected((s) => new Set([...s].filter((id) => id !== deleting.id)));
            setDeleting(null);
          }}
        />
      )}
      {merging && chosen.length > 1 && (
        <MergeDialog
          entities={chosen}
          onClose={(merged) => {
            setMerging(false);
            if (merged) setSelected(new Set());
          }}
        />
      )}
    </main>
  );
}
