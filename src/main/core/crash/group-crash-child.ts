/**
 * The process group-crash.test.ts kills: imports documents many at a time (so that they
 * share group commits), printing an acknowledgement for each only once its import resolved.
 * Run as `node --import tsx group-crash-child.ts ARCHIVE SEED`.
 */
import { Archive } from '../archive';
import { parsePool } from '../importers/parse-pool';

const [archiveDir, seedArg] = process.argv.slice(2);
const seed = Number(seedArg ?? 1);
const ack = (line: string) => process.stdout.write(`${line}\n`); // pipes are written synchronously on Linux

const archive = await Archive.open(archiveDir!, { writable: true, owner: 'group crash child' });
await parsePool.warm();
ack('ready');
for (let round = 0; ; round++) {
  await Promise.all(
    Array.from({ length: 24 }, async (_, k) => {
      const text = `Report ${seed}-${round}-${k}\n\nBatch ${seed}, round ${round}, item ${k}: reviewed with care.\n`;
      const outcome = await archive.importFile({ name: `r-${seed}-${round}-${k}.txt`, bytes: new TextEncoder().encode(text), separate: true });
      if (outcome.status === 'imported') ack(`doc ${outcome.doc.id} ${seed}-${round}-${k}`);
    }),
  );
}
