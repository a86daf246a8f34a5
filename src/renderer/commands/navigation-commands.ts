import { entitiesHref, libraryHref, repairsHref, trashHref } from '../routing';
import { settingsHref } from '../features/settings/use-settings-route';
import { go, whenPresent } from './dom';
import { defineCommands } from './types';

const always = () => true;

export const navigationCommands = defineCommands(
  {
    id: 'nav.search',
    title: 'cmd.search',
    group: 'library',
    keys: ['/'],
    isEnabled: ({ state }) => state.documents.length > 0,
    run: () => {
      go(libraryHref);
      whenPresent<HTMLInputElement>('#library-search', (input) => {
        input.focus();
        input.select();
      });
    },
  },
  { id: 'nav.library', title: 'cmd.goLibrary', group: 'app', keys: ['alt+l'], isEnabled: always, run: () => go(libraryHref) },
  { id: 'nav.entities', title: 'cmd.goEntities', group: 'app', keys: ['alt+e'], isEnabled: always, run: () => go(entitiesHref) },
  { id: 'nav.repairs', title: 'cmd.goRepairs', group: 'app', keys: [], isEnabled: always, run: () => go(repairsHref) },
  { id: 'nav.settings', title: 'cmd.goSettings', group: 'app', keys: ['mod+,'], isEnabled: always, run: () => go(settingsHref) },
  { id: 'nav.trash', title: 'cmd.goTrash', group: 'app', keys: [], isEnabled: always, run: () => go(trashHref) },
  {
    id: 'library.delete',
    title: 'cmd.deleteSelected',
    group: 'library',
    keys: ['delete'],
    // Settings shows over the library route: the key must not delete what is ticked behind it.
    isEnabled: ({ state, route }) => route.name === 'library' && !window.location.hash.startsWith(settingsHref) && state.selection.size > 0 && state.searchText.trim() === '',
    run: ({ store }) => void store.getState().deleteDocuments([...store.getState().selection]),
  },
);
