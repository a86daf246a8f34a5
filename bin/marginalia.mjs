#!/usr/bin/env node
// The CLI is built with the app (npm run build) into out/main/cli.js.
import { existsSync } from 'node:fs';

const cli = new URL('../out/main/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('marginalia: not built yet. Run `npm run build` in the Marginalia folder first.');
  process.exit(2);
}
await import(cli.href);
