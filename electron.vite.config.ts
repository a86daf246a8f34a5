import { cpSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

/**
 * The page view's pdf.js data (character maps for CJK fonts, the standard fonts, the image
 * decoders) goes into the renderer build under pdfjs/, so the app serves it from its own
 * origin and Chinese CID fonts render offline.
 */
function pdfjsData(): Plugin {
  let outDir = '';
  return {
    name: 'marginalia-pdfjs-data',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    writeBundle() {
      for (const dir of ['cmaps', 'standard_fonts', 'wasm', 'iccs']) {
        cpSync(resolve(__dirname, 'node_modules/pdfjs-dist', dir), resolve(outDir, 'pdfjs', dir), { recursive: true });
      }
    },
  };
}

// Three bundles from one tree. main also builds the CLI entry: the CLI and the loopback
// server run on plain Node and share every line of the core with the desktop app.
export default defineConfig({
  main: {
    build: {
      target: 'node20',
      // Bundled rather than loaded from node_modules: yaml and zod are ESM trees of ~100
      // files each, and resolving them file by file cost ~150 ms of every start.
      externalizeDeps: { exclude: ['yaml', 'zod'] },
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/electron/index.ts'),
          cli: resolve(__dirname, 'src/main/cli/index.ts'),
          // Import parsing runs in worker threads (src/main/core/importers/parse-pool.ts).
          'parse-worker': resolve(__dirname, 'src/main/core/importers/parse-worker.ts'),
          // Backup and restore read, compress and write files in worker threads (src/main/core/backup/backup-workers.ts).
          'backup-worker': resolve(__dirname, 'src/main/core/backup/backup-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        // A sandboxed preload must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: {
      // electron-vite leaves bundles unminified; the renderer is parsed at every start.
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
    plugins: [react(), pdfjsData()],
  },
});
