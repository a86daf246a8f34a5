import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// A sandboxed preload can require('electron') and nothing else from node_modules:
// anything more would fail at run time in the desktop app only, so check the build here.
describe('preload bundle', () => {
  it('is CommonJS and requires only electron', () => {
    const source = readFileSync(resolve(import.meta.dirname, '../../../out/preload/index.cjs'), 'utf8');
    const required = [...source.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(required).toEqual(['electron']);
    expect(source).not.toMatch(/^import /m);
    expect(source).toContain('exposeInMainWorld("api"');
  });
});
