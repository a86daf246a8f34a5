import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The app's root folder: the nearest one above this module that holds package.json.
 * Found rather than assumed, because the bundler may move this code into out/main/chunks/.
 */
function findAppRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Marginalia cannot find its package.json above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
}

export const APP_ROOT = findAppRoot();
/** The built renderer and preload (npm run build). */
export const RENDERER_DIR = join(APP_ROOT, 'out', 'renderer');
export const PRELOAD_FILE = join(APP_ROOT, 'out', 'preload', 'index.cjs');
