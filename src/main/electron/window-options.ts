import type { BrowserWindowConstructorOptions } from 'electron';

export const APP_ORIGIN = 'app://marginalia';
export const APP_URL = `${APP_ORIGIN}/index.html`;

/** Kept pure so a test can assert them without an Electron binary. Never weaken these. */
export function windowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 860,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Marginalia',
    backgroundColor: '#faf9f6',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // Middle-click would otherwise open links in new windows, around setWindowOpenHandler.
      disableBlinkFeatures: 'Auxclick',
    },
  };
}

/** Only our own pages may call the API. */
export function isAppUrl(url: string | undefined): boolean {
  return !!url && (url === APP_ORIGIN || url.startsWith(`${APP_ORIGIN}/`));
}
