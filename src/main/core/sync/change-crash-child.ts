/**
 * The process the change-log crash test kills: renames the archive's first document and
 * annotates it as fast as it can, printing an acknowledgement after each change is durable.
 * Run by sync.test.ts as `node --import tsx change-crash-child.ts ARCHIVE SEED`.
 */
import { Archive } from '../archive';

const [archiveDir, seed] = process.argv.slice(2);
const archive = await Archive.open(archiveDir!, { writable: true, owner: 'change crash child' });
const id = archive.list()[0]!.id;
process.stdout.write('ready\n');
for (let i = 0; ; i++) {
  await archive.catalog.updateMeta(id, { title: `Renamed ${seed}-${i}` });
  const annotation = await archive.annotations.create(id, { kind: 'highlight', start: i % 50, end: (i % 50) + 3, color: 'yellow' });
  process.stdout.write(`${i} ${annotation.id}\n`);
}
