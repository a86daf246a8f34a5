import type { EventName, Method } from './names';

/** Names on each transport come from the contract's keys, never written by hand. */
export const ipcChannel = (method: Method): string => `marginalia:${method}`;
export const ipcEventChannel = (event: EventName): string => `marginalia-event:${event}`;
export const httpRoute = (method: Method): string => `/api/${method}`;
export const HTTP_EVENTS_ROUTE = '/api/events';
