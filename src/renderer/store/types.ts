import type { StateCreator } from 'zustand';
import type { Api } from '../api';
import type { AppSlice } from './app-slice';
import type { ImportSlice } from './import-slice';
import type { LibrarySlice } from './library-slice';
import type { ReaderSlice } from './reader-slice';

/** The whole window's state: one store made of typed slices. */
export type AppState = AppSlice & LibrarySlice & ImportSlice & ReaderSlice;

/** A slice gets the Api it talks to; calls to the core live in slice actions, not in components. */
export type SliceCreator<T> = (api: Api) => StateCreator<AppState, [], [], T>;

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
