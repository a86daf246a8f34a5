import { useTranslation } from 'react-i18next';
import { repairsHref } from '../../routing';
import { useAppStore } from '../../store';

/** The way to the Repairs view from the library; shows how many repairs wait. */
export function RepairsLink() {
  const { t } = useTranslation();
  const count = useAppStore((s) => s.repairs?.items.length ?? 0);
  return (
    <nav className="repairs-link" aria-label={t('repairs.title')}>
      <a href={repairsHref} className={count ? 'repairs-waiting' : undefined}>
        {count ? t('repairs.navCount', { count }) : t('repairs.nav')}
      </a>
    </nav>
  );
}
