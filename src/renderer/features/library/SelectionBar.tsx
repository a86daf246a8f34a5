import { useState, type FormEvent } from 'react';
import { useAppStore } from '../../store';
import { ExportSelectionButton } from '../export/ExportSelectionButton';
import { parseTagList } from './tag-tree';

/** Bulk actions on the ticked rows: tag, untag, add to or remove from a collection. */
export function SelectionBar() {
  const count = useAppStore((s) => s.selection.size);
  const tags = useAppStore((s) => s.tags);
  const collections = useAppStore((s) => s.collections);
  const tagSelection = useAppStore((s) => s.tagSelection);
  const assignSelection = useAppStore((s) => s.assignSelection);
  const clearSelection = useAppStore((s) => s.clearSelection);
  const [tagText, setTagText] = useState('');
  const [collectionId, setCollectionId] = useState('');
  const [message, setMessage] = useState('');
  if (!count) return null;
  const chosen = collectionId || collections[0]?.id || '';
  const docs = count === 1 ? '1 document' : `${count} documents`;

  async function tag(add: boolean, event?: FormEvent) {
    event?.preventDefault();
    const list = parseTagList(tagText);
    if (!list.length) return setMessage('Type a tag first.');
    const failure = await tagSelection(add ? list : [], add ? [] : list);
    setMessage(failure ?? `${add ? 'Tagged' : 'Untagged'} ${docs}: ${list.join(', ')}.`);
    if (!failure) setTagText('');
  }

  async function collect(member: boolean) {
    const name = collections.find((c) => c.id === chosen)?.name;
    if (!chosen || !name) return;
    await assignSelection(chosen, member);
    setMessage(`${member ? 'Added' : 'Removed'} ${docs} ${member ? 'to' : 'from'} “${name}”.`);
  }

  return (
    <section className="selection-bar" aria-label="Bulk actions">
      <p className="selection-count">{count} selected</p>
      <form className="selection-group" onSubmit={(e) => void tag(true, e)}>
        <label className="visually-hidden" htmlFor="bulk-tag">
          Tags for the selected documents
        </label>
        <input id="bulk-tag" type="text" list="bulk-tag-options" placeholder="tag, or parent/child" value={tagText} onChange={(e) => setTagText(e.currentTarget.value)} />
        <datalist id="bulk-tag-options">
          {tags.map((t) => (
            <option key={t.tag} value={t.tag} />
          ))}
        </datalist>
        <button type="submit" className="button-secondary">
          Add tag
        </button>
        <button type="button" className="button-secondary" onClick={() => void tag(false)}>
          Remove tag
        </button>
      </form>
      {collections.length > 0 && (
        <div className="selection-group">
          <label className="visually-hidden" htmlFor="bulk-collection">
            Collection for the selected documents
          </label>
          <select id="bulk-collection" value={chosen} onChange={(e) => setCollectionId(e.currentTarget.value)}>
            {collections.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          <button type="button" className="button-secondary" onClick={() => void collect(true)}>
            Add to collection
          </button>
          <button type="button" className="button-secondary" onClick={() => void collect(false)}>
            Remove from collection
          </button>
        </div>
      )}
      <ExportSelectionButton />
      <button type="button" className="button-quiet" onClick={clearSelection}>
        Clear selection
      </button>
      <p className="selection-message" role="status">
        {message}
      </p>
    </section>
  );
}
