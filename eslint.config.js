// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const NODE_BUILTINS = ['node:*', 'fs', 'fs/*', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'stream', 'url', 'util', 'worker_threads', 'zlib', 'events', 'buffer'];

/** Layers you can see: shared imports nothing host-specific; the three processes never import each other. */
const layer = (files, patterns, message) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
  },
});

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  layer(
    ['src/shared/**/*.ts'],
    ['electron', 'react', 'react-dom', ...NODE_BUILTINS, '**/main/**', '**/renderer/**', '**/preload/**'],
    'src/shared is pure TypeScript: no electron, no Node built-ins, no DOM, no other layer.',
  ),
  layer(
    ['src/renderer/**/*.{ts,tsx}'],
    ['electron', ...NODE_BUILTINS, '**/main/**', '**/preload/**'],
    'The renderer talks to the core only through the contract in src/shared/api.',
  ),
  layer(
    ['src/preload/**/*.ts'],
    ['**/main/**', '**/renderer/**', ...NODE_BUILTINS],
    'The preload exposes the contract and nothing else.',
  ),
  layer(['src/main/**/*.ts'], ['**/renderer/**', '**/preload/**'], 'main never imports the renderer or the preload.'),
  layer(
    ['src/main/core/**/*.ts', 'src/main/server/**/*.ts', 'src/main/cli/**/*.ts'],
    ['electron', '**/electron/**', '**/renderer/**', '**/preload/**'],
    'The core, the server and the CLI run without Electron.',
  ),
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
