import { useState } from 'react';
import { useAppStore } from '../../store';
import { NameForm } from '../library/NameForm';

/** "Save search…": names the current query and chips for the sidebar. */
export function SaveSearchForm() {
  const saveSearch = useAppStore((s) => s.saveSearch);
  const query = useAppStore((s) => s.searchText.trim());
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState('');

  if (open) {
    return (
      <NameForm
        label="Name of the saved search"
        submitLabel="Save"
        initial={query}
        onSubmit={async (name) => {
          const failure = await saveSearch(name);
          if (!failure) setSaved(`Saved as “${name.trim()}”.`);
          return failure;
        }}
        onDone={() => setOpen(false)}
      />
    );
  }
  return (
    <div className="save-search">
      <button type="button" className="button-secondary" onClick={() => setOpen(true)}>
        Save search…
      </button>
      <span role="status" className="hint">
        {saved}
      </span>
    </div>
  );
}
