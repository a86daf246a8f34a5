/**
 * The backup (create-backup.ts: worker threads, zip-writer.ts) on one generated archive of
 * --docs documents of four files each (10,000: 40,001 files, 189 MB), --rounds times, with
 * --check: unzip -t and a restore. Commit cfdecd3 holds the flow with zip-stream and
 * @zip.js/zip.js as compared in bench/RESULTS.md ("Backup zip writer").
 *   tsx bench/backup-zip.ts [--docs 10000] [--rounds 2] [--dir /tmp/bz] [--label name] [--check]
 */
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { createBackup } from '../src/main/core/backup/create-backup';
import { restoreBackup } from '../src/main/core/backup/restore-backup';

const flag = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const DOCS = Number(flag('--docs') ?? 10_000);
const ROUNDS = Number(flag('--rounds') ?? 2);
const DIR = flag('--dir') ?? '/tmp/backup-zip-bench';
const WRITERS = [flag('--label') ?? 'workers'];

async function corpusText(): Promise<string> {
  const root = '/work/shared/corpus';
  let text = '';
  for (const sub of ['txt', 'seeds', 'md']) {
    for (const name of (await readdir(join(root, sub)).catch(() => [])).sort()) text += await readFile(join(root, sub, name), 'utf8');
  }
  return text;
}

/** DOCS folders of four files each (text, metadata, annotations, index), ~20 KB a document. */
async function generate(archive: string): Promise<void> {
  if ((await stat(join(archive, 'library.json')).catch(() => null)) !== null) return;
  const text = await corpusText();
  await writeFile(join(await mkdirp(archive), 'library.json'), '{}');
  for (let d = 0; d < DOCS; d++) {
    const dir = await mkdirp(join(archive, 'docs', `d${String(d).padStart(6, '0')}`));
    const at = (d * 7919) % Math.max(1, text.length - 10_000);
    const body = `document ${d}\n${text.slice(at, at + 9_000)}`;
    await writeFile(join(dir, 'text.txt'), body);
    await writeFile(join(dir, 'meta.json'), JSON.stringify({ id: d, title: `Document ${d}`, tags: ['a', 'b', String(d % 97)], added: new Date(1e12 + d * 1e6).toISOString(), note: text.slice(at, at + 1200) }, null, 2));
    await writeFile(join(dir, 'annotations.json'), JSON.stringify(Array.from({ length: 8 }, (_, k) => ({ id: `${d}-${k}`, start: k * 100, end: k * 100 + 40, color: 'yellow', note: `note ${k} on ${d}` })), null, 2));
    await writeFile(join(dir, 'index.json'), JSON.stringify({ words: text.slice(at, at + 400).split(/\s+/) }));
  }
}
const mkdirp = async (dir: string) => (await mkdir(dir, { recursive: true }), dir);

async function main() {
  const archive = join(DIR, 'archive');
  await generate(archive);
  for (let r = 0; r < ROUNDS; r++) {
    for (const writer of WRITERS) {
      const zipPath = join(DIR, `${writer}.zip`);
      await rm(zipPath, { force: true });
      const load = loadavg()[0]!.toFixed(1);
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const summary = await createBackup(archive, zipPath, { appVersion: 'bench' });
      const s = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      const size = (await stat(zipPath)).size;
      console.log(`${writer}: ${summary.files} files, ${(summary.bytes / 1e6).toFixed(0)} MB -> zip ${(size / 1e6).toFixed(0)} MB in ${s.toFixed(1)} s = ${(summary.bytes / 1e6 / s).toFixed(1)} MB/s (main-thread CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, load ${load})`);
    }
  }
  if (process.argv.includes('--check')) {
    for (const writer of WRITERS) {
      const zipPath = join(DIR, `${writer}.zip`);
      const test = execFileSync('unzip', ['-tq', zipPath], { encoding: 'utf8' }).trim();
      const target = join(DIR, `restored-${writer}`);
      await rm(target, { recursive: true, force: true });
      const report = await restoreBackup(zipPath, target);
      console.log(`${writer}: unzip -t: ${test}; restore (yauzl): ok=${report.ok} restored=${report.restored}`);
      await rm(target, { recursive: true, force: true });
    }
  }
}

await main();
