import type { StateCreator } from 'zustand';
import type { Api } from '../api';
import type { AppSlice } from './app-slice';
import type { CatalogSlice } from './catalog-slice';
import type { ImportSlice } from './import-slice';
import type { LibrarySlice } from './library-slice';
import type { ReaderSlice } from './reader-slice';
import type { SearchSlice } from './search-slice';
import type { AnnotationsSlice } from './annotations-slice';
import type { NoteSlice } from './note-slice';
import type { UndoSlice } from './undo-slice';
import type { LabelsSlice } from './labels-slice';
import type { MentionsSlice } from './mentions-slice';
import type { SuggestionsSlice } from './suggestions-slice';
import type { EntitiesSlice } from './entities-slice';
import type { PreferencesSlice } from './preferences-slice';
import type { ExportSlice } from './export-slice';
import type { InboxSlice } from './inbox-slice';
import type { TrashSlice } from './trash-slice';
import type { RelationsSlice } from './relations-slice';
import type { RepairsSlice } from './repairs-slice';
import type { PagesSlice } from './pages-slice';
import type { OcrSlice } from './ocr-slice';
import type { LayersSlice } from './layers-slice';
import type { ReviewSlice } from './review-slice';
import type { TeamSlice } from './team-slice';

/** The whole window's state: one store made of typed slices. */
export type AppState = AppSlice &
  LibrarySlice &
  ImportSlice &
  ReaderSlice &
  CatalogSlice &
  SearchSlice &
  AnnotationsSlice &
  NoteSlice &
  UndoSlice &
  LabelsSlice &
  MentionsSlice &
  SuggestionsSlice &
  EntitiesSlice &
  ExportSlice &
  InboxSlice &
  TrashSlice &
  RelationsSlice &
  RepairsSlice &
  PagesSlice &
  OcrSlice &
  LayersSlice &
  ReviewSlice &
  TeamSlice &
  PreferencesSlice;

/** A slice gets the Api it talks to; calls to the core live in slice actions, not in components. */
export type SliceCreator<T> = (api: Api) => StateCreator<AppState, [], [], T>;

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
