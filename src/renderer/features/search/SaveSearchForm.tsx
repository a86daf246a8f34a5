import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import { useAppStore } from '../../store';
import { NameForm } from '../library/NameForm';

/** "Save search…": names the current query and chips for the sidebar. */
export function SaveSearchForm() {
  const { t } = useTranslation();
  const saveSearch = useAppStore((s) => s.saveSearch);
  const query = useAppStore((s) => s.searchText.trim());
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState('');

  if (open) {
    return (
      <NameForm
        label={t('results.saveName')}
        submitLabel={t('common.save')}
        initial={query}
        onSubmit={async (name) => {
          const failure = await saveSearch(name);
          if (!failure) setSaved(t('results.savedAs', { name: name.trim() }));
          return failure;
        }}
        onDone={() => setOpen(false)}
      />
    );
  }
  return (
    <div className="save-search">
      <button type="button" className="button-secondary" onClick={() => setOpen(true)}>
        {t('results.save')}
      </button>
      <span role="status" className="hint">
        {saved}
      </span>
    </div>
  );
}
