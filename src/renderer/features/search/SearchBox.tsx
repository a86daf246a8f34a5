import { useEffect, useRef } from 'react';
import { useAppStore } from '../../store';
import { isTypingTarget } from './search-href';

/** The library's search field; `/` or Ctrl+K (⌘K) focuses it from anywhere not being typed in. */
export function SearchBox() {
  const text = useAppStore((s) => s.searchText);
  const setSearchText = useAppStore((s) => s.setSearchText);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const slash = event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey;
      const ctrlK = (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k';
      if (!(slash || ctrlK) || isTypingTarget(event.target) || document.querySelector('dialog[open]')) return;
      event.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <form className="search-box" role="search" onSubmit={(e) => e.preventDefault()}>
      <label htmlFor="library-search" className="visually-hidden">
        Search documents
      </label>
      <input
        ref={input}
        id="library-search"
        type="search"
        placeholder="Search documents   ( / )"
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
        Words must all match · "exact phrase" · prefix* · -exclude · a OR b
      </p>
    </form>
  );
}
