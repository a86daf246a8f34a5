import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_NAMES, METHOD_NAMES, type EventName } from '../shared/api/names';
import { ipcChannel, ipcEventChannel } from '../shared/api/transport';

/**
 * window.api, derived from the contract: one function per method, and `on` for events.
 * Nothing else of Electron reaches the page.
 */
const api: Record<string, unknown> = {};
for (const method of METHOD_NAMES) {
  api[method] = (input: unknown) => ipcRenderer.invoke(ipcChannel(method), input);
}
api.on = (event: EventName, listener: (payload: unknown) => void) => {
  if (!(EVENT_NAMES as readonly string[]).includes(event)) throw new Error(`unknown event ${String(event)}`);
  const channel = ipcEventChannel(event);
  const forward = (_e: IpcRendererEvent, payload: unknown) => listener(payload);
  ipcRenderer.on(channel, forward);
  return () => void ipcRenderer.off(channel, forward);
};

contextBridge.exposeInMainWorld('api', api);
