/**
 * The process the library crash test kills: renames and tags documents as fast as it can,
 * and compacts the library's change log into library.bin every few edits, printing "try" before
 * each change and "ok" only after it is durable. Run by library-crash.test.ts through
 * killChild (ARCHIVE SEED).
 */
import { Archive } from '../archive';

const [archiveDir, seedArg] = process.argv.slice(2);
let seed = Number(seedArg ?? 1);
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const say = (line: string) => process.stdout.write(`${line}\n`);

const archive = await Archive.open(archiveDir!, { writable: true, owner: 'library crash child' });
const { library } = archive.syncStores();
// Only the first child imports, before "ready": parse workers start then, and the other children start none.
while (archive.list().length < 6) {
  const n = archive.list().length;
  await archive.importFile({ name: `r${n}.txt`, bytes: new TextEncoder().encode(`Report ${n}\n\nThe institute reviewed item ${n}.\n`), separate: true });
}
say('ready');
for (let i = 0; ; i++) {
  const docs = archive.list();
  const doc = docs[Math.floor(random() * docs.length)]!;
  const value = `${seedArg}-${i}`;
  const pick = random();
  if (pick < 0.5) {
    say(`try title ${doc.id} ${value}`);
    // Half the renames through the library alone (no meta.json write of their own): only compaction carries them into meta.json.
    if (pick < 0.25) await archive.catalog.updateMeta(doc.id, { title: `Title ${value}` });
    else await library.update(doc.id, (d) => ({ ...d, title: `Title ${value}` }));
    say(`ok title ${doc.id} ${value}`);
  } else {
    say(`try tag ${doc.id} ${value}`);
    await archive.catalog.tag([doc.id], [`t/${value}`], doc.tags ?? []);
    say(`ok tag ${doc.id} ${value}`);
  }
  if (i % 4 === 3) {
    say('try compact');
    await library.compact();
    say('ok compact');
  }
}
