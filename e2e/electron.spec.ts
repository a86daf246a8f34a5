import { createRequire } from 'node:module';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron } from '@playwright/test';
import { expect, ROOT, screenshotPath, test } from './fixtures';

/** The Electron binary is fetched by a postinstall we turn off (no GitHub here): the package throws without it. */
function electronBinary(): string | null {
  try {
    return createRequire(import.meta.url)('electron') as string;
  } catch {
    return null;
  }
}

test('the desktop window opens the library with only window.api exposed', async () => {
  test.skip(electronBinary() === null, 'Electron binary not installed (no access to GitHub); run npm run electron:install with ELECTRON_MIRROR set to run this spec');

  const archiveDir = await mkdtemp(join(tmpdir(), 'marginalia-electron-'));
  const app = await electron.launch({ args: ['.'], cwd: ROOT, env: { ...process.env, MARGINALIA_ARCHIVE: archiveDir } });
  try {
    const window = await app.firstWindow();
    await expect(window.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();
    await expect(window.getByRole('region', { name: 'Your archive is empty' })).toBeVisible();
    await expect(window.getByRole('button', { name: 'Import folder…' })).toBeVisible();

    const globals = await window.evaluate(() => {
      const w = globalThis as unknown as Record<string, unknown>;
      return { api: typeof w.api, require: typeof w.require, process: typeof w.process };
    });
    expect(globals).toEqual({ api: 'object', require: 'undefined', process: 'undefined' });
    await window.screenshot({ path: screenshotPath('electron-library') });
  } finally {
    await app.close();
    await rm(archiveDir, { recursive: true, force: true });
  }
});
