import { fileURLToPath } from 'node:url';

/** Paths of the build output, relative to the bundled main entries in out/main. */
export const RENDERER_DIR = fileURLToPath(new URL('../renderer/', import.meta.url));
export const PRELOAD_FILE = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
export const APP_ROOT = fileURLToPath(new URL('../../', import.meta.url));
