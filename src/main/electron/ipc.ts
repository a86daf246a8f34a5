import { ipcMain, type BrowserWindow, type WebFrameMain } from 'electron';
import { ipcChannel, ipcEventChannel, METHOD_NAMES, type Handlers } from '../../shared/api';
import { dispatch } from '../core/dispatch';
import type { EventHub } from '../core/events';
import { isAppUrl } from './window-options';

/** One handler per contract key, each behind the sender check and the contract's validation. */
export function registerIpc(handlers: Handlers): void {
  for (const method of METHOD_NAMES) {
    ipcMain.handle(ipcChannel(method), (event, input: unknown) => {
      if (!isTrustedFrame(event.senderFrame)) {
        return { ok: false, error: { code: 'invalid_input', message: 'refused: the caller is not a Marginalia page' } };
      }
      return dispatch(handlers, method, input);
    });
  }
}

export function forwardEvents(events: EventHub, window: BrowserWindow): () => void {
  return events.subscribe((event, payload) => {
    if (!window.isDestroyed()) window.webContents.send(ipcEventChannel(event), payload);
  });
}

function isTrustedFrame(frame: WebFrameMain | null): boolean {
  return !!frame && frame.parent === null && isAppUrl(frame.url);
}
