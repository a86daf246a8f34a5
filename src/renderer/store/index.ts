import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Api } from '../api';
import { createAppSlice } from './app-slice';
import { createCatalogSlice } from './catalog-slice';
import { createImportSlice } from './import-slice';
import { createLibrarySlice } from './library-slice';
import { createReaderSlice } from './reader-slice';
import { createSearchSlice } from './search-slice';
import { createAnnotationsSlice } from './annotations-slice';
import { createNoteSlice } from './note-slice';
import { createUndoSlice } from './undo-slice';
import { createLabelsSlice } from './labels-slice';
import { createMentionsSlice } from './mentions-slice';
import { createSuggestionsSlice } from './suggestions-slice';
import { createEntitiesSlice } from './entities-slice';
import { createPreferencesSlice } from './preferences-slice';
import { createExportSlice } from './export-slice';
import { createInboxSlice } from './inbox-slice';
import { createTrashSlice } from './trash-slice';
import { createRelationsSlice } from './relations-slice';
import { createRepairsSlice } from './repairs-slice';
import { createPagesSlice } from './pages-slice';
import { createOcrSlice } from './ocr-slice';
import { createLayersSlice } from './layers-slice';
import { createReviewSlice } from './review-slice';
import { createTeamSlice } from './team-slice';
import type { AppState } from './types';

export type AppStore = StoreApi<AppState>;
export type { AppState };

export function createAppStore(api: Api): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createAppSlice(api)(...a),
    ...createLibrarySlice(api)(...a),
    ...createImportSlice(api)(...a),
    ...createReaderSlice(api)(...a),
    ...createCatalogSlice(api)(...a),
    ...createSearchSlice(api)(...a),
    ...createAnnotationsSlice(api)(...a),
    ...createNoteSlice(api)(...a),
    ...createUndoSlice(api)(...a),
    ...createLabelsSlice(api)(...a),
    ...createMentionsSlice(api)(...a),
    ...createSuggestionsSlice(api)(...a),
    ...createEntitiesSlice(api)(...a),
    ...createPreferencesSlice(api)(...a),
    ...createExportSlice(api)(...a),
    ...createInboxSlice(api)(...a),
    ...createTrashSlice(api)(...a),
    ...createRelationsSlice(api)(...a),
    ...createRepairsSlice(api)(...a),
    ...createPagesSlice(api)(...a),
    ...createOcrSlice(api)(...a),
    ...createLayersSlice(api)(...a),
    ...createReviewSlice(api)(...a),
    ...createTeamSlice(api)(...a),
  }));
}

/** Core events feed the store; returns the unsubscribe. */
export function connectEvents(store: AppStore, api: Api): () => void {
  const offs = [
    api.on('library.changed', ({ ids }) => {
      void store.getState().loadLibrary();
      void store.getState().refreshOpenDocument(ids);
      // Another window deleted or restored documents: a trash already shown follows.
      if (store.getState().trash) void store.getState().loadTrash();
    }),
    api.on('import.progress', (progress) => store.getState().applyImportProgress(progress)),
    api.on('inbox.status', (status) => store.getState().applyInboxStatus(status)),
    api.on('ocr.progress', (progress) => store.getState().applyOcrProgress(progress)),
    api.on('team.progress', (progress) => store.getState().applyTeamProgress(progress)),
  ];
  return () => offs.forEach((off) => off());
}

export const StoreContext = createContext<AppStore | null>(null);

export function useAppStore<T>(selector: (state: AppState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStore outside StoreContext');
  return useStore(store, selector);
}
