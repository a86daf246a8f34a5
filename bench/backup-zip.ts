/**
 * The backup (create-backup.ts: worker threads, zip-writer.ts) on one generated archive of
 * --docs documents of four files each (10,000: 40,001 files, 189 MB), or on an existing
 * archive folder (--archive, read only), --rounds times, with --check: unzip -t and a
 * restore. --restore times the restore (wall and CPU: main thread and workers, user and
 * system) into a new folder each round; --floors times, on the same files in the same run,
 * `unzip -q` of the zip into an empty folder and `cp -r` (the restore's floors), `zip -r -1`
 * and `tar c | wc -c` (the backup's). Every restore and copy goes into a folder of its own
 * and all are removed at the end, not between runs: on a file system without a journal,
 * ext4 skips inodes freed in the last minutes one by one when it allocates
 * (recently_deleted), so a removal just before a restore slows the restore
 * (bench/RESULTS.md, helper `restore`). Commit cfdecd3 holds the flow with zip-stream and
 * @zip.js/zip.js as compared in bench/RESULTS.md ("Backup zip writer").
 *   tsx bench/backup-zip.ts [--docs 10000 | --archive DIR] [--rounds 2] [--dir /tmp/bz] [--label name] [--check] [--restore] [--floors] [--keep]
 */
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
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

const mb = (bytes: number) => (bytes / 1048576).toFixed(0);
const cpuOf = (cpu: NodeJS.CpuUsage) => `user ${(cpu.user / 1e6).toFixed(1)} s, system ${(cpu.system / 1e6).toFixed(1)} s`;

/** Runs a shell command under /usr/bin/time: wall, user and system seconds. */
function timed(label: string, command: string, bytes: number): void {
  const load = loadavg()[0]!.toFixed(1);
  const run = spawnSync('/usr/bin/time', ['-f', '%e %U %S', 'bash', '-c', command], { encoding: 'utf8' });
  const [wall, user, system] = run.stderr.trim().split('\n').at(-1)!.split(' ').map(Number) as [number, number, number];
  console.log(`${label}: ${wall.toFixed(1)} s = ${(bytes / 1048576 / wall).toFixed(1)} MB/s (user ${user.toFixed(1)} s, system ${system.toFixed(1)} s, load ${load})${run.status ? ` exit ${run.status}` : ''}`);
}

async function main() {
  const given = flag('--archive');
  const archive = given ?? join(DIR, 'archive');
  if (!given) await generate(archive);
  await mkdir(DIR, { recursive: true });
  const made: string[] = [];
  let bytes = 0;
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
      bytes = summary.bytes;
      console.log(`${writer}: ${summary.files} files, ${mb(summary.bytes)} MB -> zip ${mb(size)} MB in ${s.toFixed(1)} s = ${(summary.bytes / 1048576 / s).toFixed(1)} MB/s (CPU ${cpuOf(cpu)}, load ${load})`);
      if (process.argv.includes('--restore')) {
        const target = join(DIR, `restored-${writer}-${r}`);
        made.push(target);
        const before = loadavg()[0]!.toFixed(1);
        const cpu0 = process.cpuUsage();
        const t0 = performance.now();
        const report = await restoreBackup(zipPath, target);
        const s = (performance.now() - t0) / 1000;
        console.log(`restore: ok=${report.ok}, ${report.restored} files in ${s.toFixed(1)} s = ${(summary.bytes / 1048576 / s).toFixed(1)} MB/s (CPU ${cpuOf(process.cpuUsage(cpu0))}, load ${before})`);
      }
    }
  }
  if (process.argv.includes('--floors')) {
    const zipPath = join(DIR, `${WRITERS[0]}.zip`);
    for (const name of ['floor-unzip', 'floor-cp', 'floor-zip.zip']) made.push(join(DIR, name));
    timed('floor unzip -q (into an empty folder)', `unzip -q '${zipPath}' -d '${join(DIR, 'floor-unzip')}'`, bytes);
    timed('floor cp -r', `cp -r '${archive}' '${join(DIR, 'floor-cp')}'`, bytes);
    timed('floor zip -r -1', `cd '${archive}' && zip -q -r -1 '${join(DIR, 'floor-zip.zip')}' .`, bytes);
    timed('floor tar c | wc -c', `cd '${archive}' && tar c . | wc -c`, bytes);
  }
  if (process.argv.includes('--check')) {
    for (const writer of WRITERS) {
      const zipPath = join(DIR, `${writer}.zip`);
      const test = execFileSync('unzip', ['-tq', zipPath], { encoding: 'utf8' }).trim();
      const target = join(DIR, `restored-${writer}`);
      await rm(target, { recursive: true, force: true });
      const report = await restoreBackup(zipPath, target);
      console.log(`${writer}: unzip -t: ${test}; restore (yauzl): ok=${report.ok} restored=${report.restored}`);
      made.push(target);
    }
  }
  // --keep: leave them for the next run to be measured before any removal (a removal slows the restores after it)
  if (process.argv.includes('--keep')) console.log(`kept: ${made.join(' ')}`);
  else for (const path of made) await rm(path, { recursive: true, force: true });
}

await main();
