/**
 * CPU per document of a parse worker's parts (issue #19 item 3), in one thread on the
 * bench corpus: `npx tsx bench/analyse-parts.ts DIR [N]` (DIR: a folder of corpus files,
 * e.g. a stage folder that bench/profile-import.ts made). Each part is timed on its own
 * (process.cpuUsage around it), so a part's figure includes the garbage collection its
 * allocations set off: read them as where the time goes, not to the microsecond.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyseFile } from '../src/main/core/importers/analyse';
import { importerFor } from '../src/main/core/importers/registry';
import { findDocumentDate } from '../src/shared/text/dates';
import { reconcileLanguage } from '../src/shared/text/language';
import { analyzeDocument } from '../src/main/core/search/analyze';

const dir = process.argv[2]!;
const n = Number(process.argv[3] ?? 2000);
const files = readdirSync(dir).sort().slice(0, n).map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(dir, name))) }));
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const parts: Record<string, number> = { parse: 0, date: 0, language: 0, analyze: 0, blocksJson: 0, hashes: 0 };
// warm
for (const f of files.slice(0, 200)) await analyseFile(f.bytes, f.name);
const t0 = cpu();
for (const f of files) await analyseFile(f.bytes, f.name);
const whole = cpu() - t0;
for (const f of files) {
  let t = cpu();
  const parsed = await importerFor(f.name)!.parse(f.bytes, f.name, {});
  parts.parse! += cpu() - t; t = cpu();
  findDocumentDate(parsed.text);
  parts.date! += cpu() - t; t = cpu();
  reconcileLanguage(parsed.language, parsed.text);
  parts.language! += cpu() - t; t = cpu();
  analyzeDocument(parsed.text);
  parts.analyze! += cpu() - t; t = cpu();
  const json = JSON.stringify(parsed.blocks);
  parts.blocksJson! += cpu() - t; t = cpu();
  createHash('sha256').update(parsed.text).digest('hex'); createHash('sha256').update(json).digest('hex'); createHash('sha256').update(f.bytes).digest('hex');
  parts.hashes! += cpu() - t;
}
console.log(`${files.length} files: analyseFile ${(whole / files.length).toFixed(3)} ms CPU/doc;`, Object.entries(parts).map(([k, v]) => `${k} ${(v / files.length).toFixed(3)}`).join(', '));
