import { useTranslation } from 'react-i18next';
import { useEffect, useState } from 'react';
import type { RelationType } from '../../../shared/model';
import { useAppStore } from '../../store';
import { SaveForm } from './SaveForm';
import { labelIdFor } from './label-set-json';

/**
 * Relation types, kept with the label set: name, colour, the labels allowed at each end
 * (none ticked: any), directed or not. Their order gives the keys 1–9 when relating.
 */
export function RelationTypeSettings() {
  const { t } = useTranslation();
  const types = useAppStore((s) => s.relationTypes);
  const labels = useAppStore((s) => s.labels);
  const load = useAppStore((s) => s.loadRelationTypes);
  const saveTypes = useAppStore((s) => s.saveRelationTypes);
  const [draft, setDraft] = useState<RelationType[]>(types);
  const [newName, setNewName] = useState('');
  useEffect(() => void load(), [load]);
  useEffect(() => setDraft(types), [types]);
  const change = (id: string, patch: Partial<RelationType>) => setDraft(draft.map((x) => (x.id === id ? { ...x, ...patch } : x)));
  const toggle = (list: string[], id: string) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);

  return (
    <section className="label-settings" aria-labelledby="relation-types-heading">
      <h2 id="relation-types-heading">{t('relationTypes.heading')}</h2>
      <p className="hint">{t('relationTypes.hint')}</p>
      <SaveForm save={() => saveTypes(draft)} text={{ save: t('relationTypes.save'), saving: t('relationTypes.saving'), saved: t('relationTypes.saved'), notSaved: (message) => t('relationTypes.notSaved', { message }), status: t('relationTypes.status') }}>
        <ol className="label-rows" aria-label={t('relationTypes.list')}>
          {draft.map((type, i) => (
            <li key={type.id} className="relation-type-row">
              <span className="hint">{i + 1}</span>
              <input aria-label={t('relationTypes.name', { id: type.id })} value={type.name} maxLength={60} onChange={(event) => change(type.id, { name: event.target.value })} />
              <input type="color" aria-label={t('relationTypes.color', { name: type.name })} value={type.color} onChange={(event) => change(type.id, { color: event.target.value })} />
              <label className="check">
                <input type="checkbox" checked={type.directed} onChange={(event) => change(type.id, { directed: event.target.checked })} />
                {t('relationTypes.directed')}
              </label>
              {(['fromLabels', 'toLabels'] as const).map((side) => (
                <div key={side} role="group" className="relation-type-ends" aria-label={t(side === 'fromLabels' ? 'relationTypes.from' : 'relationTypes.to', { name: type.name })}>
                  <span className="relation-type-end-name" aria-hidden="true">
                    {t(side === 'fromLabels' ? 'relationTypes.fromShort' : 'relationTypes.toShort')}
                  </span>
                  {labels.map((l) => (
                    <label key={l.id} className="check">
                      <input type="checkbox" checked={type[side].includes(l.id)} onChange={() => change(type.id, { [side]: toggle(type[side], l.id) })} />
                      {l.id}
                    </label>
                  ))}
                </div>
              ))}
              <button type="button" className="button-quiet" aria-label={t('relationTypes.delete', { name: type.name })} onClick={() => setDraft(draft.filter((x) => x.id !== type.id))}>
                ×
              </button>
            </li>
          ))}
        </ol>
        <div className="label-add">
          <input aria-label={t('relationTypes.newName')} placeholder={t('relationTypes.newName')} value={newName} maxLength={60} onChange={(event) => setNewName(event.target.value)} />
          <button
            type="button"
            className="button-secondary"
            disabled={!newName.trim()}
            onClick={() => {
              const id = labelIdFor(newName, draft.map((x) => x.id));
              setDraft([...draft, { id, name: newName.trim(), color: '#4b5563', fromLabels: [], toLabels: [], directed: true }]);
              setNewName('');
            }}
          >
            {t('relationTypes.add')}
          </button>
        </div>
      </SaveForm>
    </section>
  );
}
