import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { trashHref } from '../../routing';
import { useAppStore } from '../../store';
import { SavedSearchList } from '../search/SavedSearchList';
import { RepairsLink } from '../repairs/RepairsLink';
import { CollectionList } from './CollectionList';
import { TagTree } from './TagTree';

export function LibrarySidebar() {
  const { t } = useTranslation();
  const trashCount = useAppStore((s) => s.trash?.items.length ?? 0);
  const loadTrash = useAppStore((s) => s.loadTrash);
  useEffect(() => {
    void loadTrash();
  }, [loadTrash]);
  return (
    <aside className="library-sidebar" aria-label={t('sidebar.region')}>
      <SavedSearchList />
      <CollectionList />
      <TagTree />
      <a className="trash-link" href={trashHref}>
        {trashCount ? t('trash.linkCount', { count: trashCount }) : t('trash.link')}
      </a>
      <RepairsLink />
    </aside>
  );
}
