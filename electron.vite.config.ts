import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

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
    plugins: [react()],
  },
});
