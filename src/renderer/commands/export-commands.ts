import { defineCommands } from './types';

/** Export… (features/export): the open document in the reader, else the ticked documents, else the whole archive. */
export const exportCommands = defineCommands({
  id: 'export.open',
  title: 'cmd.export',
  group: 'library',
  keys: ['mod+shift+e'],
  isEnabled: ({ state }) => state.documents.length > 0 || state.reader !== null,
  run: ({ store, route }) => {
    const state = store.getState();
    if (route.name === 'document') state.openExport({ ids: [route.id] });
    else if (route.name === 'library' && state.selection.size) state.openExport({ ids: [...state.selection] });
    else state.openExport({});
  },
});
