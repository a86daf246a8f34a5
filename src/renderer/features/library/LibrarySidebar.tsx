import { useTranslation } from 'react-i18next';
import { SavedSearchList } from '../search/SavedSearchList';
import { RepairsLink } from '../repairs/RepairsLink';
import { CollectionList } from './CollectionList';
import { TagTree } from './TagTree';

export function LibrarySidebar() {
  const { t } = useTranslation();
  return (
    <aside className="library-sidebar" aria-label={t('sidebar.region')}>
      <SavedSearchList />
      <CollectionList />
      <TagTree />
      <RepairsLink />
    </aside>
  );
}
