import { SavedSearchList } from '../search/SavedSearchList';
import { CollectionList } from './CollectionList';
import { TagTree } from './TagTree';

export function LibrarySidebar() {
  return (
    <aside className="library-sidebar" aria-label="Saved searches, collections and tags">
      <SavedSearchList />
      <CollectionList />
      <TagTree />
    </aside>
  );
}
