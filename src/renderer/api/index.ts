import { createApi, transportFromRawApi, type Api, type RawApi } from '../../shared/api/client';
import { createHttpTransport } from './http-transport';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    api?: RawApi;
  }
}

/** The one Api the app uses: window.api under Electron, HTTP to the loopback server otherwise. */
export function connectApi(): Api {
  return createApi(window.api ? transportFromRawApi(window.api) : createHttpTransport());
}

export type { Api };
