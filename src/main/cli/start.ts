import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { APP_ROOT } from '../core/built-paths';
import type { Output } from './commands';
import { serveCommand } from './serve';

const requireHere = createRequire(import.meta.url);

/** The Electron binary's path, or null when the npm package is there without its binary. */
function electronBinary(): string | null {
  try {
    const path = requireHere('electron') as unknown;
    return typeof path === 'string' ? path : null;
  } catch {
    return null;
  }
}

/** Electron's own installer, once: it honours ELECTRON_MIRROR and fails fast where GitHub is unreachable. */
function tryInstallElectron(): boolean {
  let installer: string;
  try {
    installer = join(requireHere.resolve('electron/package.json'), '..', 'install.js');
  } catch {
    return false;
  }
  const result = spawnSync(process.execPath, [installer], { stdio: 'ignore', timeout: 180_000 });
  return result.status === 0;
}

/**
 * npm start: the desktop app where Electron can run, else the same app in browser mode,
 * said in one line with the fix.
 */
export async function startCommand(archiveDir: string, port: number | undefined, io: Output): Promise<number> {
  let binary = electronBinary();
  if (!binary && !process.env.MARGINALIA_BROWSER && tryInstallElectron()) binary = electronBinary();
  if (binary && !process.env.MARGINALIA_BROWSER) {
    const child = spawn(binary, [APP_ROOT], { stdio: 'inherit', env: { ...process.env, MARGINALIA_ARCHIVE: archiveDir } });
    return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 0)));
  }
  const preface = process.env.MARGINALIA_BROWSER
    ? 'MARGINALIA_BROWSER is set: running in browser mode.'
    : "Electron's binary is not installed and could not be downloaded (no access to GitHub): set ELECTRON_MIRROR to a reachable mirror and run `npm run electron:install`; until then Marginalia runs in browser mode.";
  return serveCommand({ archiveDir, port, preface }, io);
}
