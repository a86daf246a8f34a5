/**
 * The process the flags crash test kills: gives documents their first annotation and takes
 * their last away as fast as it can, printing "try" before each change and "ok" after it is
 * durable. Run by flags-crash.test.ts through killChild (ARCHIVE SEED).
 */
import { Archive } from '../archive';

const [archiveDir, seedArg] = process.argv.slice(2);
let seed = Number(seedArg ?? 1);
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const say = (line: string) => process.stdout.write(`${line}\n`);

const archive = await Archive.open(archiveDir!, { writable: true, owner: 'flags crash child' });
// Only the first child imports, before "ready": parse workers start then, and the other children start none.
while (archive.list().length < 6) {
  const n = archive.list().length;
  await archive.importFile({ name: `f${n}.txt`, bytes: new TextEncoder().encode(`Report ${n}\n\nThe institute reviewed item ${n} in detail.\n`), separate: true });
}
say('ready');
for (let i = 0; ; i++) {
  const docs = archive.list();
  const doc = docs[Math.floor(random() * docs.length)]!;
  const existing = await archive.annotations.list(doc.id);
  if (existing.length) {
    say(`try clear ${doc.id}`);
    for (const a of existing) await archive.annotations.remove(doc.id, a.id);
    say(`ok clear ${doc.id}`);
  } else {
    say(`try annotate ${doc.id}`);
    await archive.annotations.create(doc.id, { kind: 'highlight', start: 0, end: 6 });
    say(`ok annotate ${doc.id}`);
  }
}
