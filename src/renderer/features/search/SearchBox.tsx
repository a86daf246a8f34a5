import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store';

/** The library's search field; the nav.search command (`/`) focuses it from anywhere not being typed in. */
export function SearchBox() {
  const text = useAppStore((s) => s.searchText);
  const setSearchText = useAppStore((s) => s.setSearchText);
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);

  return (
    <form className="search-box" role="search" onSubmit={(e) => e.preventDefault()}>
      <label htmlFor="library-search" className="visually-hidden">
        {t('search.label')}
      </label>
      <input
        ref={input}
        id="library-search"
        type="search"
        placeholder={t('search.placeholder')}
        autoComplete="off"
        spellCheck={false}
        aria-describedby="search-syntax"
        value={text}
        onChange={(e) => setSearchText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') setSearchText(e.currentTarget.value, { immediate: true });
        }}
      />
      <p id="search-syntax" className="search-syntax hint">
        {t('search.syntax')}
      </p>
    </form>
  );
}
