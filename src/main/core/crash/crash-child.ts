/**
 * The process the crash test kills: imports documents and edits annotations as fast as it
 * can, printing an acknowledgement only after each change is durable. Run by
 * random-kills.ts (for crash-kills-*.test.ts) through killChild (ARCHIVE SEED).
 */
import { Archive } from '../archive';
import { parsePool } from '../importers/parse-pool';

const [archiveDir, seedArg] = process.argv.slice(2);
let seed = Number(seedArg ?? 1);
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const ack = (line: string) => process.stdout.write(`${line}\n`); // pipes are written synchronously on Linux

const archive = await Archive.open(archiveDir!, { writable: true, owner: 'crash child' });
await parsePool.warm(); // the kill clock starts at "ready"; starting the parse workers is not what is tested
ack('ready');
for (let i = 0; ; i++) {
  const roll = random();
  const docs = archive.list();
  if (docs.length < 3 || roll < 0.3) {
    const text = `Report ${seed}-${i}\n\nThe institute reviewed item ${i} of batch ${seed} with care.\n\nA second paragraph about item ${i}.\n`;
    const outcome = await archive.importFile({ name: `report-${seed}-${i}.txt`, bytes: new TextEncoder().encode(text), separate: true });
    if (outcome.status === 'imported') ack(`doc ${outcome.doc.id}`);
  } else {
    const doc = docs[Math.floor(random() * docs.length)]!;
    const existing = await archive.annotations.list(doc.id);
    if (roll < 0.75 || existing.length === 0) {
      const start = Math.floor(random() * (doc.textLength - 10));
      const a = await archive.annotations.create(doc.id, { kind: 'highlight', start, end: start + 5 + Math.floor(random() * 5) });
      ack(`ann ${doc.id} ${a.id} ${a.target.start} ${a.target.end}`);
    } else {
      // Versions grow across children (seeds grow), so "at least the acknowledged one" is checkable.
      const version = Number(seedArg) * 1_000_000 + i;
      const rich = { type: 'doc' as const, content: [{ type: 'paragraph', content: [{ type: 'text', text: `v${version}` }] }] };
      if (roll < 0.9) {
        const a = existing[Math.floor(random() * existing.length)]!;
        await archive.annotations.update(doc.id, a.id, { comment: rich });
        ack(`comment ${doc.id} ${a.id} ${version}`);
      } else {
        await archive.annotations.setNote(doc.id, rich);
        ack(`note ${doc.id} ${version}`);
      }
    }
  }
}
