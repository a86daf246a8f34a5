import { useTranslation } from 'react-i18next';
import { useState, type FormEvent } from 'react';
import { useAppStore } from '../../store';
import { ExportSelectionButton } from '../export/ExportSelectionButton';
import { parseTagList } from './tag-tree';

/** Bulk actions on the ticked rows: tag, untag, add to or remove from a collection. */
export function SelectionBar() {
  const { t } = useTranslation();
  const count = useAppStore((s) => s.selection.size);
  const tags = useAppStore((s) => s.tags);
  const collections = useAppStore((s) => s.collections);
  const tagSelection = useAppStore((s) => s.tagSelection);
  const assignSelection = useAppStore((s) => s.assignSelection);
  const clearSelection = useAppStore((s) => s.clearSelection);
  const deleteDocuments = useAppStore((s) => s.deleteDocuments);
  const selection = useAppStore((s) => s.selection);
  const [tagText, setTagText] = useState('');
  const [collectionId, setCollectionId] = useState('');
  const [message, setMessage] = useState('');
  if (!count) return null;
  const chosen = collectionId || collections[0]?.id || '';
  const docs = t('bulk.documents', { count });

  async function tag(add: boolean, event?: FormEvent) {
    event?.preventDefault();
    const list = parseTagList(tagText);
    if (!list.length) return setMessage(t('bulk.typeTag'));
    const failure = await tagSelection(add ? list : [], add ? [] : list);
    setMessage(failure ?? t(add ? 'bulk.tagged' : 'bulk.untagged', { docs, tags: list.join(', ') }));
    if (!failure) setTagText('');
  }

  async function collect(member: boolean) {
    const name = collections.find((c) => c.id === chosen)?.name;
    if (!chosen || !name) return;
    await assignSelection(chosen, member);
    setMessage(t(member ? 'bulk.added' : 'bulk.removed', { docs, name }));
  }

  return (
    <section className="selection-bar" aria-label={t('bulk.region')}>
      <p className="selection-count">{t('bulk.selected', { count })}</p>
      <form className="selection-group" onSubmit={(e) => void tag(true, e)}>
        <label className="visually-hidden" htmlFor="bulk-tag">
          {t('bulk.tagsLabel')}
        </label>
        <input id="bulk-tag" type="text" list="bulk-tag-options" placeholder={t('bulk.tagPlaceholder')} value={tagText} onChange={(e) => setTagText(e.currentTarget.value)} />
        <datalist id="bulk-tag-options">
          {tags.map((known) => (
            <option key={known.tag} value={known.tag} />
          ))}
        </datalist>
        <button type="submit" className="button-secondary">
          {t('bulk.addTag')}
        </button>
        <button type="button" className="button-secondary" onClick={() => void tag(false)}>
          {t('bulk.removeTag')}
        </button>
      </form>
      {collections.length > 0 && (
        <div className="selection-group">
          <label className="visually-hidden" htmlFor="bulk-collection">
            {t('bulk.collectionLabel')}
          </label>
          <select id="bulk-collection" value={chosen} onChange={(e) => setCollectionId(e.currentTarget.value)}>
            {collections.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          <button type="button" className="button-secondary" onClick={() => void collect(true)}>
            {t('bulk.addToCollection')}
          </button>
          <button type="button" className="button-secondary" onClick={() => void collect(false)}>
            {t('bulk.removeFromCollection')}
          </button>
        </div>
      )}
      <ExportSelectionButton />
      <button type="button" className="button-danger" aria-keyshortcuts="Delete" onClick={() => void deleteDocuments([...selection])}>
        {t('trash.deleteSelection')}
      </button>
      <button type="button" className="button-quiet" onClick={clearSelection}>
        {t('bulk.clear')}
      </button>
      <p className="selection-message" role="status">
        {message}
      </p>
    </section>
  );
}
