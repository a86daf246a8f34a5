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
      disableBlinkFeatures: 'Auxclick',
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

describe('Content-Security-Policy', () => {
  it('is the same strict policy in the page, the server and the desktop protocol', async () => {
    const { readFileSync } = await import('node:fs');
    const { resolve } = await import('node:path');
    const { CONTENT_SECURITY_POLICY } = await import('../server/security');
    const html = readFileSync(resolve(import.meta.dirname, '../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    // frame-ancestors only works as a header: the page's copy leaves it out.
    const headerWithoutFrameAncestors = CONTENT_SECURITY_POLICY.split('; ').filter((d) => !d.startsWith('frame-ancestors')).join('; ');
    expect(meta).toBe(headerWithoutFrameAncestors);
    expect(CONTENT_SECURITY_POLICY).toMatch(/script-src 'self'/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/connect-src 'self'/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/object-src 'none'/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|unsafe-inline|\*/);
  });
});
