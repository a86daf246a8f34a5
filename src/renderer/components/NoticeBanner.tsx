import { useState } from 'react';
import { useAppStore } from '../store';

const NONE: readonly string[] = [];

/** What the store had to do when it opened (e.g. restored from backup): the user must see it. */
export function NoticeBanner() {
  const notices = useAppStore((s) => s.info?.notices ?? NONE);
  const [hidden, setHidden] = useState(false);
  if (!notices.length || hidden) return null;
  return (
    <section className="notice" role="status" aria-label="Archive notices">
      <ul>
        {notices.map((notice) => (
          <li key={notice}>{notice}</li>
        ))}
      </ul>
      <button type="button" className="button-quiet" onClick={() => setHidden(true)}>
        Hide notices
      </button>
    </section>
  );
}
