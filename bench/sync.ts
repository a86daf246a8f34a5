/**
 * npm run bench:sync [-- --docs N] [--saves K] [--annotators A]: the team server on a real,
 * throwaway PostgreSQL (see src/main/server-team/test-postgres.ts), in a process of its own.
 *   1. first sync of N documents (10,000 by default) into an empty desktop archive
 *   2. incremental sync of 100 changed titles (push on one desktop, pull on another)
 *   3. A annotators (20) saving K annotations each at once, one push per save: throughput,
 *      p95 per save, and nothing lost (every acknowledged annotation on the server and on a
 *      desktop after a final sync)
 * Results go to bench/RESULTS.md (the "Team sync" section) and, with --json FILE, to JSON.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Archive } from '../src/main/core/archive';
import { TeamClient } from '../src/main/core/sync/client';
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
const SAVES = flag('--saves', 50);
const ANNOTATORS = flag('--annotators', 20);
const JSON_OUT = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;

const words = ['committee', 'budget', 'Geneva', 'report', 'archive', 'policy', 'council', 'minutes', 'agreed', 'review', '委员会', '预算', '档案', '报告'];
function docText(n: number): string {
  let seed = n * 7919 + 1;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const paragraphs = Array.from({ length: 4 }, () => Array.from({ length: 60 }, () => words[Math.floor(rnd() * words.length)]).join(' '));
  return `Bench document ${n}\n\n${paragraphs.join('\n\n')}\n`;
}

const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * 0.95))]!;
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

    // Incremental: 100 titles changed on A; A pushes, B pulls.
    for (const id of ids.slice(0, 100)) await a.catalog.updateMeta(id, { title: `Renamed ${id}` });
    t = process.hrtime.bigint();
    const incPush = await syncArchive(a);
    const incPushMs = ms(t);
    t = process.hrtime.bigint();
    const incPull = await syncArchive(b);
    const incPullMs = ms(t);
    console.error(`incremental: push ${incPush.pushed} in ${incPushMs.toFixed(0)} ms, pull ${incPull.pulled} in ${incPullMs.toFixed(0)} ms`);

    // 20 annotators at once, on the 20 documents of project "bench".
    const projectDocs = ids.slice(0, 20);
    for (const id of projectDocs) await assignProject(pool, 'rita', id, 'bench');
    const clients = await Promise.all(
      Array.from({ length: ANNOTATORS }, async (_, i) => {
        const client = new TeamClient(server!.url);
        await client.signIn(`ann${i}`, 'annotator-password');
        return client;
      }),
    );
    const latencies: number[] = [];
    const acknowledged = new Set<string>();
    const now = new Date().toISOString();
    t = process.hrtime.bigint();
    await Promise.all(
      clients.map(async (client, i) => {
        for (let k = 0; k < SAVES; k++) {
          const docId = projectDocs[(i + k) % projectDocs.length]!;
          const id = `b${i.toString(36)}x${k.toString(36)}${'0'.repeat(6)}`.slice(0, 16);
          const content = { id, docId, kind: 'entity', label: 'ORG', target: { start: k, end: k + 5, quote: '', prefix: '', suffix: '' }, author: `ann${i}`, createdAt: now, updatedAt: now };
          const start = process.hrtime.bigint();
          const answer = await client.push([{ kind: 'annotation', id, base: 0, content }]);
          latencies.push(ms(start));
          for (const applied of answer.applied) acknowledged.add(applied.id);
        }
      }),
    );
    const concurrentMs = ms(t);
    const { rows } = await pool.query<{ id: string }>("SELECT id FROM records WHERE kind = 'annotation'");
    const onServer = new Set(rows.map((r) => r.id));
    const missingOnServer = [...acknowledged].filter((id) => !onServer.has(id)).length;
    await syncArchive(b);
    const onDesktop = new Set<string>();
    for (const id of projectDocs) for (const x of await b.annotations.list(id)) onDesktop.add(x.id);
    const missingOnDesktop = [...acknowledged].filter((id) => !onDesktop.has(id)).length;
    console.error(`annotators: ${acknowledged.size} saves acknowledged, p95 ${p95(latencies).toFixed(1)} ms; missing on server ${missingOnServer}, on desktop ${missingOnDesktop}`);

    await Promise.all([a.close(), b.close()]);
    const result = {
      date: new Date().toISOString(),
      docs: DOCS,
      import_s: importMs / 1000,
      first_push: { records: firstPush.pushed, files: firstPush.uploaded, seconds: firstPushMs / 1000 },
      first_sync_empty_desktop: { records: firstPull.pulled, documents: b.list().length, seconds: firstPullMs / 1000, docs_per_s: b.list().length / (firstPullMs / 1000) },
      incremental_100: { push_ms: incPushMs, pull_ms: incPullMs, pushed: incPush.pushed, pulled: incPull.pulled },
      annotators: {
        users: ANNOTATORS,
        saves: latencies.length,
        acknowledged: acknowledged.size,
        seconds: concurrentMs / 1000,
        saves_per_s: latencies.length / (concurrentMs / 1000),
        p50_ms: [...latencies].sort((x, y) => x - y)[Math.floor(latencies.length / 2)] ?? 0,
        p95_ms: p95(latencies),
        missing_on_server: missingOnServer,
        missing_on_desktop: missingOnDesktop,
      },
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
interface Result {
  date: string;
  docs: number;
  annotators: Group;
  first_sync_empty_desktop: Group;
  incremental_100: Group;
  first_push: Group;
}
const fix = (n: number | undefined, digits = 1) => (n ?? Number.NaN).toFixed(digits);

async function writeResults(r: Result): Promise<void> {
  const file = fileURLToPath(new URL('./RESULTS.md', import.meta.url));
  const existing = await readFile(file, 'utf8');
  const a = r.annotators;
  const body = `${START}
Latest \`npm run bench:sync -- --docs ${String(r.docs)}\` (${String(r.date).slice(0, 16)} UTC; server and PostgreSQL 15 on this 2-core machine, which other jobs share):

| measure | result |
| --- | --- |
| first push of ${String(r.docs)} documents (records + ${r.first_push.files} files) | ${fix(r.first_push.seconds, 1)} s |
| **first sync into an empty desktop archive** | ${r.first_sync_empty_desktop.documents} documents in ${fix(r.first_sync_empty_desktop.seconds, 1)} s (${fix(r.first_sync_empty_desktop.docs_per_s, 0)} docs/s) |
| **incremental sync of 100 changes** (target ≤ 1 s) | push ${fix(r.incremental_100.push_ms, 0)} ms, pull on the other desktop ${fix(r.incremental_100.pull_ms, 0)} ms |
| **${a.users} annotators saving at once** (${a.saves} saves, one push each) | ${fix(a.saves_per_s, 0)} saves/s, p50 ${fix(a.p50_ms, 1)} ms, p95 ${fix(a.p95_ms, 1)} ms |
| acknowledged saves missing on the server / on a desktop after a final sync | ${a.missing_on_server} / ${a.missing_on_desktop} |
${END}`;
  const section = `## Team sync (issue #18)

\`npm run bench:sync\` (\`-- --docs N --saves K --annotators A\`) starts a throwaway PostgreSQL
cluster and a team server process, imports N documents into desktop A, pushes them, then
times the first sync of an empty desktop B, an incremental sync of 100 changed titles, and
A annotators pushing K annotations each at once (bounded by count, not by a minute).

`;
  let next: string;
  if (existing.includes(START)) next = existing.slice(0, existing.indexOf(START)) + body + existing.slice(existing.indexOf(END) + END.length);
  else next = `${existing.trimEnd()}\n\n${section}${body}\n`;
  await writeFile(file, next);
}

await main();
