import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { libraryHref } from '../routing';

/** The way back above a view: ← Library, then whatever the view adds (a link, a button). */
export function Breadcrumbs({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <nav className="reader-nav" aria-label={t('nav.breadcrumb')}>
      <a href={libraryHref} className="back-link">
        <span aria-hidden="true">← </span>
        {t('nav.library')}
      </a>
      {children}
    </nav>
  );
}
