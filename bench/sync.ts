/**
 * npm run bench:sync [-- --docs N] [--seconds S] [--annotators A] [--processes P] [--rounds R]:
 * the team server on a real, throwaway PostgreSQL (see src/main/server-team/test-postgres.ts),
 * in a process of its own.
 *   1. first sync of N documents (10,000 by default) into an empty desktop archive
 *   2. incremental sync of 100 changed titles (push on one desktop, pull on another), R times
 *   3. A annotators (20) on A desktop archives (real cores, each its own folder, spread over P
 *      processes: bench/sync-desktops.ts) saving annotations at once for S seconds (60), each
 *      save a local create and the sync that pushes it: throughput, p95 per save, then a final
 *      sync of every desktop and nothing lost (every acknowledged annotation on the server,
 *      on its annotator's desktop, and on a reviewer's desktop, which sees every layer)
 * Results go to bench/RESULTS.md (the "Team sync" section) and, with --json FILE, to JSON.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Archive } from '../src/main/core/archive';
import { signIn, syncArchive } from '../src/main/core/sync/engine';
import { addUser } from '../src/main/server-team/auth';
import { migrate, openPool } from '../src/main/server-team/db';
import { assignProject } from '../src/main/server-team/records';
import { POSTGRES_MISSING, startTestPostgres } from '../src/main/server-team/test-postgres';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const DOCS = flag('--docs', 10_000);
const SECONDS = flag('--seconds', 60);
const ANNOTATORS = flag('--annotators', 20);
const PROCESSES = Math.max(1, Math.min(flag('--processes', 4), ANNOTATORS));
const ROUNDS = flag('--rounds', 3);
const JSON_OUT = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;

const words = ['committee', 'budget', 'Geneva', 'report', 'archive', 'policy', 'council', 'minutes', 'agreed', 'review', '委员会', '预算', '档案', '报告'];
function docText(n: number): string {
  let seed = n * 7919 + 1;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const paragraphs = Array.from({ length: 4 }, () => Array.from({ length: 60 }, () => words[Math.floor(rnd() * words.length)]).join(' '));
  return `Bench document ${n}\n\n${paragraphs.join('\n\n')}\n`;
}

const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * q))] ?? Number.NaN;
const p95 = (values: number[]) => quantile(values, 0.95);
const load = () => loadavg().map((n) => n.toFixed(1)).join(' ');
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

async function startServer(db: string): Promise<{ url: string; child: ChildProcess }> {
  const script = fileURLToPath(new URL('../src/main/server-team/server-process.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, db, '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
  return { url, child };
}

async function main(): Promise<void> {
  const cluster = startTestPostgres();
  if (!cluster) {
    console.error(POSTGRES_MISSING);
    process.exitCode = 2;
    return;
  }
  const work = await mkdtemp(join(tmpdir(), 'marginalia-bench-sync-'));
  const db = cluster.createDatabase('bench');
  const pool = openPool(db);
  let server: { url: string; child: ChildProcess } | undefined;
  try {
    const loadStart = load();
    await migrate(pool);
    await addUser(pool, 'rita', 'reviewer', 'rita-password');
    for (let i = 0; i < ANNOTATORS; i++) await addUser(pool, `ann${i}`, 'annotator', 'annotator-password', ['bench']);
    server = await startServer(db);
    console.error(`server at ${server.url}; importing ${DOCS} documents into desktop A…`);

    const a = await Archive.open(join(work, 'a'), { writable: true, owner: 'bench' });
    let t = process.hrtime.bigint();
    const ids: string[] = [];
    for (let i = 0; i < DOCS; i += 16) {
      const outcomes = await Promise.all(Array.from({ length: Math.min(16, DOCS - i) }, (_, k) => a.importFile({ name: `bench-${i + k}.txt`, bytes: Buffer.from(docText(i + k)), separate: true })));
      for (const o of outcomes) if (o.status === 'imported') ids.push(o.doc.id);
    }
    const importMs = ms(t);
    await signIn(a.layout.root, server.url, 'rita', 'rita-password');
    t = process.hrtime.bigint();
    const firstPush = await syncArchive(a);
    const firstPushMs = ms(t);
    console.error(`pushed ${firstPush.pushed} records, ${firstPush.uploaded} files in ${(firstPushMs / 1000).toFixed(1)} s`);

    const b = await Archive.open(join(work, 'b'), { writable: true, owner: 'bench' });
    await signIn(b.layout.root, server.url, 'rita', 'rita-password');
    t = process.hrtime.bigint();
    const firstPull = await syncArchive(b);
    const firstPullMs = ms(t);
    console.error(`first sync into an empty desktop: ${firstPull.pulled} records in ${(firstPullMs / 1000).toFixed(1)} s`);
    if (b.list().length !== ids.length) throw new Error(`desktop B has ${b.list().length} documents, A ${ids.length}`);

    // Incremental: 100 titles changed on A; A pushes, B pulls; R rounds (the machine is shared: one figure says little).
    const incremental: { push_ms: number; pull_ms: number; pushed: number; pulled: number }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const id of ids.slice(round * 100, round * 100 + 100)) await a.catalog.updateMeta(id, { title: `Renamed ${round} ${id}` });
      t = process.hrtime.bigint();
      const incPush = await syncArchive(a);
      const pushMs = ms(t);
      t = process.hrtime.bigint();
      const incPull = await syncArchive(b);
      const pullMs = ms(t);
      incremental.push({ push_ms: pushMs, pull_ms: pullMs, pushed: incPush.pushed, pulled: incPull.pulled });
      console.error(`incremental ${round + 1}: push ${incPush.pushed} in ${pushMs.toFixed(0)} ms, pull ${incPull.pulled} in ${pullMs.toFixed(0)} ms (load ${load()})`);
    }

    // 20 annotators at once, each on a desktop of their own, on the 20 documents of project "bench"
    // (the rest go to another project, so an annotator's desktop holds only those 20).
    const projectDocs = ids.slice(0, 20);
    await pool.query("INSERT INTO doc_projects (doc_id, project) SELECT id, 'library' FROM records WHERE kind = 'document' AND NOT (id = ANY($1))", [projectDocs]);
    for (const id of projectDocs) await assignProject(pool, 'rita', id, 'bench');
    const workers = Array.from({ length: PROCESSES }, (_, p) => {
      const from = Math.floor((p * ANNOTATORS) / PROCESSES);
      const count = Math.floor(((p + 1) * ANNOTATORS) / PROCESSES) - from;
      const job = { server: server!.url, dir: join(work, 'desktops'), from, count, seconds: SECONDS, password: 'annotator-password' };
      const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./sync-desktops.ts', import.meta.url)), JSON.stringify(job)], { stdio: ['pipe', 'pipe', 'inherit'] });
      const lines = createInterface({ input: child.stdout! });
      const ready = new Promise<void>((resolve, reject) => {
        lines.once('line', (line) => (line === 'ready' ? resolve() : reject(new Error(`desktop process: ${line}`))));
        child.once('exit', (code) => reject(new Error(`a desktop process ended (${code}) before it was ready`)));
      });
      const report = new Promise<DesktopReport>((resolve, reject) => {
        lines.on('line', (line) => line !== 'ready' && resolve(JSON.parse(line) as DesktopReport));
        child.once('exit', (code) => reject(new Error(`a desktop process ended (${code}) without a report`)));
      });
      return { child, ready, report };
    });
    await Promise.all(workers.map((w) => w.ready));
    console.error(`${ANNOTATORS} desktops ready in ${PROCESSES} processes; saving for ${SECONDS} s (load ${load()})`);
    const loadBefore = load();
    t = process.hrtime.bigint();
    for (const w of workers) w.child.stdin!.write('go\n');
    const reports = await Promise.all(workers.map((w) => w.report));
    const concurrentMs = ms(t);
    const loadAfter = load();
    const saveMs = reports.flatMap((r) => r.saveMs);
    const ackMs = reports.flatMap((r) => r.ackMs);
    const acknowledged = Object.assign({}, ...reports.map((r) => r.acknowledged)) as Record<string, string[]>;
    const holds = Object.assign({}, ...reports.map((r) => r.holds)) as Record<string, string[]>;
    const failures = reports.flatMap((r) => r.failures);
    const ackCount = Object.values(acknowledged).reduce((n, list) => n + list.length, 0);
    // Nothing lost: every acknowledged save is on the server (its annotator's), on its annotator's desktop, and on the reviewer's.
    const { rows } = await pool.query<{ id: string; owner: string }>("SELECT id, owner FROM records WHERE kind = 'annotation' AND NOT deleted");
    const onServer = new Map(rows.map((r) => [r.id, r.owner]));
    let missingOnServer = 0;
    let missingOnOwnDesktop = 0;
    let duplicatesOnDesktops = 0;
    let serverNotOnDesktop = 0;
    for (const [user, list] of Object.entries(acknowledged)) {
      const held = new Set(holds[user]);
      duplicatesOnDesktops += (holds[user]?.length ?? 0) - held.size;
      for (const id of list) {
        if (onServer.get(id) !== user) missingOnServer++;
        if (!held.has(id)) missingOnOwnDesktop++;
      }
    }
    for (const [id, owner] of onServer) if (holds[owner] && !holds[owner]!.includes(id)) serverNotOnDesktop++;
    t = process.hrtime.bigint();
    const reviewerSync = await syncArchive(b);
    const reviewerSyncMs = ms(t);
    const onReviewer = new Set<string>();
    for (const id of projectDocs) for (const x of await b.annotations.list(id)) onReviewer.add(x.id);
    const missingOnReviewer = Object.values(acknowledged).flat().filter((id) => !onReviewer.has(id)).length;
    console.error(
      `annotators: ${ackCount} saves acknowledged in ${(concurrentMs / 1000).toFixed(1)} s, p95 ${p95(ackMs).toFixed(1)} ms (local save p95 ${p95(saveMs).toFixed(1)} ms); ` +
        `missing on server ${missingOnServer}, on own desktop ${missingOnOwnDesktop}, on the reviewer's ${missingOnReviewer}; failures ${failures.length}`,
    );
    await Promise.all([a.close(), b.close()]);
    const result = {
      date: new Date().toISOString(),
      docs: DOCS,
      import_s: importMs / 1000,
      first_push: { records: firstPush.pushed, files: firstPush.uploaded, seconds: firstPushMs / 1000 },
      first_sync_empty_desktop: { records: firstPull.pulled, documents: b.list().length, seconds: firstPullMs / 1000, docs_per_s: b.list().length / (firstPullMs / 1000) },
      incremental_100: {
        rounds: incremental.length,
        push_ms: quantile(incremental.map((r) => r.push_ms), 0.5),
        pull_ms: quantile(incremental.map((r) => r.pull_ms), 0.5),
        push_max_ms: Math.max(...incremental.map((r) => r.push_ms)),
        pull_max_ms: Math.max(...incremental.map((r) => r.pull_ms)),
        pushed: incremental[0]?.pushed ?? 0,
        pulled: incremental[0]?.pulled ?? 0,
      },
      annotators: {
        users: ANNOTATORS,
        processes: PROCESSES,
        seconds: concurrentMs / 1000,
        saves: saveMs.length,
        acknowledged: ackCount,
        saves_per_s: ackCount / (concurrentMs / 1000),
        p50_ms: quantile(ackMs, 0.5),
        p95_ms: p95(ackMs),
        local_save_p95_ms: p95(saveMs),
        failures: failures.length,
        missing_on_server: missingOnServer,
        missing_on_own_desktop: missingOnOwnDesktop,
        server_not_on_desktop: serverNotOnDesktop,
        duplicates_on_desktops: duplicatesOnDesktops,
        missing_on_reviewer: missingOnReviewer,
        reviewer_final_sync_s: reviewerSyncMs / 1000,
        reviewer_pulled: reviewerSync.pulled,
      },
      load: { start: loadStart, annotators_before: loadBefore, annotators_after: loadAfter, end: load() },
    };
    console.log(JSON.stringify(result, null, 2));
    if (JSON_OUT) await writeFile(JSON_OUT, `${JSON.stringify(result, null, 2)}\n`);
    await writeResults(result);
  } finally {
    server?.child.kill('SIGTERM');
    await pool.end();
    cluster.stop();
    await rm(work, { recursive: true, force: true });
  }
}

const START = '<!-- bench:sync start -->';
const END = '<!-- bench:sync end -->';

type Group = Record<string, number>;
interface DesktopReport {
  saveMs: number[];
  ackMs: number[];
  acknowledged: Record<string, string[]>;
  holds: Record<string, string[]>;
  failures: string[];
}
interface Result {
  date: string;
  docs: number;
  annotators: Group;
  first_sync_empty_desktop: Group;
  incremental_100: Group;
  first_push: Group;
  load: Record<string, string>;
}
const fix = (n: number | undefined, digits = 1) => (n ?? Number.NaN).toFixed(digits);

async function writeResults(r: Result): Promise<void> {
  const file = fileURLToPath(new URL('./RESULTS.md', import.meta.url));
  const existing = await readFile(file, 'utf8');
  const a = r.annotators;
  const inc = r.incremental_100;
  const body = `${START}
Latest \`npm run bench:sync -- --docs ${String(r.docs)} --seconds ${String(SECONDS)}\` (${String(r.date).slice(0, 16)} UTC; server and PostgreSQL 15 on this 2-core machine, which other jobs share; load average at start ${r.load.start}, around the annotators ${r.load.annotators_before} → ${r.load.annotators_after}):

| measure | result |
| --- | --- |
| first push of ${String(r.docs)} documents (records + ${r.first_push.files} files) | ${fix(r.first_push.seconds, 1)} s |
| **first sync into an empty desktop archive** | ${r.first_sync_empty_desktop.documents} documents in ${fix(r.first_sync_empty_desktop.seconds, 1)} s (${fix(r.first_sync_empty_desktop.docs_per_s, 0)} docs/s) |
| **incremental sync of 100 changes** (target ≤ 1 s), median of ${inc.rounds} rounds (slowest) | push ${fix(inc.push_ms, 0)} ms (${fix(inc.push_max_ms, 0)}), pull on the other desktop ${fix(inc.pull_ms, 0)} ms (${fix(inc.pull_max_ms, 0)}) |
| **${a.users} annotators on ${a.users} desktops (${a.processes} processes) saving at once for ${String(SECONDS)} s** (a save: local create + the sync that pushes it) | ${a.acknowledged} saves acknowledged, ${fix(a.saves_per_s, 1)} saves/s, p50 ${fix(a.p50_ms, 0)} ms, **p95 ${fix(a.p95_ms, 0)} ms** (the local, durable create alone: p95 ${fix(a.local_save_p95_ms, 1)} ms); ${a.failures} failed syncs |
| after a final sync of every desktop: acknowledged saves missing on the server / on their annotator's desktop / on a reviewer's desktop (all layers); duplicates | ${a.missing_on_server} / ${a.missing_on_own_desktop} / ${a.missing_on_reviewer}; ${a.duplicates_on_desktops} |
${END}`;
  const section = `## Team sync (issue #18)

\`npm run bench:sync\` (\`-- --docs N --seconds S --annotators A --processes P --rounds R\`; \`npm run bench\`
runs it with its \`--docs\` and 60 s) starts a throwaway PostgreSQL cluster and a team server
process, imports N documents into desktop A, pushes them, then times the first sync of an
empty desktop B, R incremental syncs of 100 changed titles, and A annotators on desktop
archives of their own saving annotations at once for S seconds.

`;
  let next: string;
  if (existing.includes(START)) next = existing.slice(0, existing.indexOf(START)) + body + existing.slice(existing.indexOf(END) + END.length);
  else next = `${existing.trimEnd()}\n\n${section}${body}\n`;
  await writeFile(file, next);
}

await main();
