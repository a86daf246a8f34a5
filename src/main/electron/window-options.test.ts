import { describe, expect, it } from 'vitest';
import { isAppUrl, windowOptions } from './window-options';

describe('BrowserWindow options', () => {
  it('keep the renderer sandboxed and isolated', () => {
    const prefs = windowOptions('/x/preload.cjs').webPreferences!;
    expect(prefs).toMatchObject({
      preload: '/x/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('trust only app:// pages as IPC senders', () => {
    expect(isAppUrl('app://marginalia/index.html')).toBe(true);
    expect(isAppUrl('app://marginalia.evil/index.html')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('https://example.org/')).toBe(false);
    expect(isAppUrl(undefined)).toBe(false);
  });
});
