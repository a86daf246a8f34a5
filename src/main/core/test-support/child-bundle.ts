import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

/**
 * Tests that kill or race processes spawn a TypeScript child script many times. Under
 * `node --import tsx` every spawn compiled and loaded the whole core again (the 50-kill crash
 * test spent most of its minutes there). Here each child script is bundled once per test
 * process with esbuild (the one vite already brings) into a plain .mjs, and the children run
 * as `node bundle.mjs`: the same code, ours read from one file instead of compiled per spawn.
 *
 * The bundle is written under node_modules/.cache so that the npm packages left external
 * resolve as they do from the sources. Every `import.meta.url` / `dirname` / `filename` in our
 * sources is replaced by the source file's own location, so the code that finds resources/,
 * package.json or its worker scripts upward from itself behaves exactly as under tsx.
 *
 * A child's parse workers are bundled too. Under tsx each parse worker compiled the parser
 * sources again (~0.6 s of CPU per worker, two per crash child, ~100 children in the crash
 * tests); the child bundle names a bundled parse-worker.mjs instead (see parse-pool.ts), so a
 * child starts its workers from plain JavaScript, bundled once per test process.
 */

const ROOT = resolve(import.meta.dirname, '../../../..');
const OUT_DIR = join(ROOT, 'node_modules', '.cache', 'marginalia-test-children');

const sourceLocations: Plugin = {
  name: 'source-locations',
  setup(b) {
    b.onLoad({ filter: /\.[cm]?ts$/ }, async (args) => {
      if (args.path.includes('/node_modules/')) return undefined;
      const source = await readFile(args.path, 'utf8');
      const contents = source
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
        .replaceAll('import.meta.dirname', JSON.stringify(dirname(args.path)))
        .replaceAll('import.meta.filename', JSON.stringify(args.path));
      return { contents, loader: 'ts', resolveDir: dirname(args.path) };
    });
  },
};

/**
 * A child must not outlive the test that started it: when a test's process dies first (a run
 * stopped half-way, a worker ended at its timeout), the crash children, which write in an
 * endless loop, and the servers would go on burning the cores that the other test files share.
 * An orphan is handed to another parent, so each child leaves once its parent has changed.
 */
const LEAVE_WHEN_ORPHANED = '{ const parent = process.ppid; setInterval(() => { if (process.ppid !== parent) process.exit(1); }, 1000).unref(); }';

const PARSE_WORKER = join(ROOT, 'src', 'main', 'core', 'importers', 'parse-worker.ts');

/** A child script gets the orphan check and the bundled parse worker's path; a worker script (a thread of a child) neither. */
async function bundle(script: string, asWorker = false): Promise<string> {
  const child = asWorker ? {} : { banner: { js: LEAVE_WHEN_ORPHANED }, define: { 'process.env.MARGINALIA_PARSE_WORKER': JSON.stringify(await bundleOnce(PARSE_WORKER, true)) } };
  const result = await build({
    entryPoints: [script],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    write: false,
    logLevel: 'silent',
    plugins: [sourceLocations],
    ...child,
  });
  const code = result.outputFiles[0]!.contents;
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
  const name = script.split('/').pop()!.replace(/\.[cm]?ts$/, '');
  const file = join(OUT_DIR, `${name}-${hash}.mjs`);
  await mkdir(OUT_DIR, { recursive: true });
  // Test files run in parallel processes: write beside, then rename, so no child reads half a file.
  const partial = `${file}.${process.pid}.partial`;
  await writeFile(partial, code);
  await rename(partial, file);
  return file;
}

const bundles = new Map<string, Promise<string>>();

function bundleOnce(script: string, asWorker: boolean): Promise<string> {
  const key = resolve(script);
  let found = bundles.get(key);
  if (!found) bundles.set(key, (found = bundle(key, asWorker)));
  return found;
}

/** The plain JavaScript file to run for the TypeScript child `script` (bundled on first use in this process). */
export function childBundle(script: string): Promise<string> {
  return bundleOnce(script, false);
}
