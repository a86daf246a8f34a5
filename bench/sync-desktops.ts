/**
 * Desktops for bench/sync.ts's annotators: this process opens `count` desktop archives (real
 * cores, each its own folder), signs each in as an annotator and pulls its documents, prints
 * "ready", waits for "go" on standard input, then has every desktop save annotations for
 * `seconds`: each save is a durable local create followed by a sync that pushes it, and it
 * counts as acknowledged once that sync answers without refusing it. Then a final sync of
 * every desktop, and one JSON line: latencies, acknowledged ids, and what each desktop holds.
 *   tsx bench/sync-desktops.ts '{"server":URL,"dir":DIR,"from":0,"count":5,"seconds":60,"password":"…"}'
 */
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Archive } from '../src/main/core/archive';
import { signIn, syncArchive } from '../src/main/core/sync/engine';

interface Job {
  server: string;
  dir: string;
  from: number;
  count: number;
  seconds: number;
  password: string;
}

const job = JSON.parse(process.argv[2]!) as Job;
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

const desktops = await Promise.all(
  Array.from({ length: job.count }, async (_, k) => {
    const user = `ann${job.from + k}`;
    const archive = await Archive.open(join(job.dir, user), { writable: true, owner: `bench ${user}` });
    await signIn(archive.layout.root, job.server, user, job.password);
    await syncArchive(archive);
    return { user, archive, docs: archive.list().map((d) => d.id) };
  }),
);
process.stdout.write('ready\n');
await new Promise<void>((resolve) => createInterface({ input: process.stdin }).once('line', () => resolve()));

const saveMs: number[] = [];
const ackMs: number[] = [];
const acknowledged: Record<string, string[]> = {};
const failures: string[] = [];
const end = Date.now() + job.seconds * 1000;
await Promise.all(
  desktops.map(async ({ user, archive, docs }) => {
    const mine = (acknowledged[user] = [] as string[]);
    for (let k = 0; Date.now() < end; k++) {
      const docId = docs[k % docs.length]!;
      const start = process.hrtime.bigint();
      const annotation = await archive.annotations.create(docId, { kind: 'highlight', start: (k * 7) % 400, end: ((k * 7) % 400) + 5, color: 'yellow' });
      saveMs.push(ms(start));
      try {
        const summary = await syncArchive(archive);
        if (summary.refused.some((r) => r.id === annotation.id)) failures.push(`${user}: ${annotation.id} refused`);
        else {
          ackMs.push(ms(start));
          mine.push(annotation.id);
        }
      } catch (error) {
        // Not acknowledged: it stays on the desktop and goes with the next sync.
        failures.push(`${user}: ${(error as Error).message}`);
      }
    }
  }),
);

// The final sync of every desktop, then what each holds.
const holds: Record<string, string[]> = {};
for (const { user, archive, docs } of desktops) {
  await syncArchive(archive);
  const ids: string[] = [];
  for (const id of docs) for (const a of await archive.annotations.list(id)) ids.push(a.id);
  holds[user] = ids;
  await archive.close();
}
process.stdout.write(`${JSON.stringify({ saveMs, ackMs, acknowledged, holds, failures })}\n`);
