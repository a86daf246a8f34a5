import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import { useAppStore } from '../store';

const NONE: readonly string[] = [];

/** What the store had to do when it opened (e.g. restored from backup): the user must see it. */
export function NoticeBanner() {
  const { t } = useTranslation();
  const notices = useAppStore((s) => s.info?.notices ?? NONE);
  const [hidden, setHidden] = useState(false);
  if (!notices.length || hidden) return null;
  return (
    <section className="notice" role="status" aria-label={t('notices.region')}>
      <ul>
        {notices.map((notice) => (
          <li key={notice}>{notice}</li>
        ))}
      </ul>
      <button type="button" className="button-quiet" onClick={() => setHidden(true)}>
        {t('notices.hide')}
      </button>
    </section>
  );
}
