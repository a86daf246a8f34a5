/**
 * The process the trash crash test kills: deletes, restores and empties documents (each
 * carrying two annotations and a note) as fast as it can, printing an acknowledgement only
 * after each change is durable. Run by trash-crash.test.ts as
 * `node --import tsx trash-crash-child.ts ARCHIVE SEED`.
 */
import { Archive } from '../archive';
import { parsePool } from '../importers/parse-pool';

const [archiveDir, seedArg] = process.argv.slice(2);
let seed = Number(seedArg ?? 1);
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const ack = (line: string) => process.stdout.write(`${line}\n`);
const note = { type: 'doc' as const, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'kept note' }] }] };

const archive = await Archive.open(archiveDir!, { writable: true, owner: 'trash crash child' });
await parsePool.warm();
ack('ready');
for (let i = 0; ; i++) {
  const docs = archive.list();
  const trashed = archive.trash.list();
  if (docs.length + trashed.length < 4) {
    const text = `Report ${seed}-${i}\n\nThe institute reviewed item ${i} of batch ${seed} with care.\n`;
    const outcome = await archive.importFile({ name: `report-${seed}-${i}.txt`, bytes: new TextEncoder().encode(text), separate: true });
    if (outcome.status !== 'imported') continue;
    const id = outcome.doc.id;
    await archive.annotations.create(id, { kind: 'highlight', start: 0, end: 6 });
    await archive.annotations.create(id, { kind: 'highlight', start: 11, end: 20 });
    await archive.annotations.setNote(id, note);
    ack(`doc ${id}`);
    continue;
  }
  const roll = random();
  if (trashed.length && (roll < 0.45 || docs.length === 0)) {
    const doc = trashed[Math.floor(random() * trashed.length)]!;
    if (random() < 0.2) {
      ack(`emptying ${doc.id}`);
      await archive.trash.empty([doc.id]);
      ack(`emptied ${doc.id}`);
    } else {
      await archive.trash.restore([doc.id]);
      ack(`restored ${doc.id}`);
    }
  } else {
    const doc = docs[Math.floor(random() * docs.length)]!;
    await archive.trash.delete([doc.id]);
    ack(`trashed ${doc.id}`);
  }
}
