import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'Marginalia';

/**
 * Where the desktop app keeps its archive: <Electron userData>/archive, computed the same
 * way Electron does so that the CLI and the server, which run without Electron, agree.
 * MARGINALIA_ARCHIVE overrides it.
 */
export function defaultArchiveDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.MARGINALIA_ARCHIVE) return env.MARGINALIA_ARCHIVE;
  return join(appDataDir(env, platform), APP_NAME, 'archive');
}

function appDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  if (platform === 'win32') return env.APPDATA ?? join(homedir(), 'AppData', 'Roaming');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME ?? join(homedir(), '.config');
}
