/**
 * The process the journal crash test kills: creates, changes and removes annotations on a
 * few documents as fast as it can, so that most saves are journal lines and some are folds
 * (a long comment now and then outgrows the journal), printing a line only after each change
 * is durable. Run by journal-crash.test.ts through killChild (ARCHIVE SEED).
 */
import { Archive } from '../archive';

const [archiveDir, seedArg] = process.argv.slice(2);
let seed = Number(seedArg ?? 1);
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const ack = (line: string) => process.stdout.write(`${line}\n`); // pipes are written synchronously on Linux

const archive = await Archive.open(archiveDir!, { writable: true, owner: 'journal crash child' });
// Only the first child imports, before "ready": parse workers start then, and the other children start none.
while (archive.list().length < 3) {
  const n = archive.list().length;
  const text = `Report ${n}\n\n${'The institute reviewed the budget of the laboratory in detail. '.repeat(40)}\n`;
  await archive.importFile({ name: `j${n}.txt`, bytes: new TextEncoder().encode(text), separate: true });
}
ack('ready');
for (let i = 0; ; i++) {
  const docs = archive.list();
  const doc = docs[Math.floor(random() * docs.length)]!;
  const existing = await archive.annotations.list(doc.id);
  const roll = random();
  // Versions grow across children (seeds grow), so "at least the acknowledged one" is checkable.
  const version = Number(seedArg) * 1_000_000 + i;
  if (roll < 0.45 || existing.length < 3) {
    const start = Math.floor(random() * (doc.textLength - 10));
    const a = await archive.annotations.create(doc.id, { kind: 'highlight', start, end: start + 5 });
    ack(`ann ${doc.id} ${a.id}`);
  } else if (roll < 0.85) {
    const a = existing[Math.floor(random() * existing.length)]!;
    // One comment in ten is long (~20 KB): the journal outgrows its minimum and is folded every few of them.
    const text = `v${version} ${random() < 0.1 ? 'long '.repeat(4000) : ''}`;
    await archive.annotations.update(doc.id, a.id, { comment: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] } });
    ack(`comment ${doc.id} ${a.id} ${version}`);
  } else if (roll < 0.95) {
    const a = existing[Math.floor(random() * existing.length)]!;
    // Said before: a removal stored but not acknowledged is not a lost annotation.
    ack(`removing ${doc.id} ${a.id}`);
    await archive.annotations.remove(doc.id, a.id);
    ack(`del ${doc.id} ${a.id}`);
  } else {
    await archive.annotations.setNote(doc.id, { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: `v${version}` }] }] });
    ack(`note ${doc.id} ${version}`);
  }
}
