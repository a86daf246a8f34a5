/**
 * npm run bench:corpus — annotation import at corpus scale (issue 15 item 7; also part of
 * npm run bench): brat pairs into an empty archive, the documents created from their .txt
 * as given. 10,000 spans into one document (target ≤ 5 s) and 100,000 spans across 1,000
 * documents (target ≤ 60 s). Names repeat as in real corpora (a vocabulary of 2,000), so
 * the registry grows as a real one does; the time includes creating the documents. A third
 * run makes every name new (100,000 entities), the registry's worst case.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Archive } from '../src/main/core/archive';
import { importAnnotationFiles, type InterchangeFile } from '../src/main/core/interchange/import-annotations';
import { printTable, type Metric } from './lib/measure';
import { seeded, type Random } from './lib/random';

const ROOT = resolve(import.meta.dirname, '..');
const LABELS = ['PER', 'LOC', 'ORG', 'MISC'];

/** A brat pair of `spans` mentions: a sentence per mention, names from a fixed vocabulary, some Chinese and emoji. */
function bratPair(name: string, spans: number, random: Random, vocabulary = 2000): InterchangeFile[] {
  let text = '';
  let cp = 0;
  const lines: string[] = [];
  const push = (s: string) => {
    text += s;
    cp += [...s].length;
  };
  for (let i = 0; i < spans; i++) {
    const n = random.int(vocabulary);
    const mention = n % 5 === 0 ? `北京${n}研究院` : `Name${n} Smith`;
    push(n % 7 === 0 ? '😀 On Monday ' : 'On Monday ');
    const start = cp;
    push(mention);
    lines.push(`T${i + 1}\t${LABELS[n % LABELS.length]} ${start} ${cp}\t${mention}`);
    push(i % 10 === 9 ? ' spoke.\n' : ' spoke. ');
  }
  return [
    { name: `${name}.txt`, content: text },
    { name: `${name}.ann`, content: `${lines.join('\n')}\n` },
  ];
}

async function timedImport(files: InterchangeFile[]): Promise<{ ms: number; imported: number; skipped: number; docs: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'marginalia-bench-corpus-'));
  const archive = await Archive.open(dir, { writable: true, owner: 'bench corpus' });
  try {
    const start = performance.now();
    const reports = await importAnnotationFiles(archive, files, { createLabels: true });
    const ms = performance.now() - start;
    return { ms, imported: reports.reduce((n, r) => n + r.imported, 0), skipped: reports.reduce((n, r) => n + r.skipped, 0), docs: archive.list().length };
  } finally {
    await archive.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export async function corpusMetrics(): Promise<Metric[]> {
  const random = seeded(15);
  const metrics: Metric[] = [];
  const one = await timedImport(bratPair('one', 10_000, random));
  if (one.imported !== 10_000) throw new Error(`10,000 spans: only ${one.imported} imported (${one.skipped} skipped)`);
  metrics.push({ name: 'corpus.import_10k_spans_1_doc_s', value: one.ms / 1000, unit: 's', target: '<= 5', met: one.ms <= 5000 });
  const many: InterchangeFile[] = [];
  for (let d = 0; d < 1000; d++) many.push(...bratPair(`doc${d}`, 100, random));
  const all = await timedImport(many);
  if (all.imported !== 100_000 || all.docs !== 1000) throw new Error(`100,000 spans: ${all.imported} imported into ${all.docs} documents (${all.skipped} skipped)`);
  metrics.push({ name: 'corpus.import_100k_spans_1000_docs_s', value: all.ms / 1000, unit: 's', target: '<= 60', met: all.ms <= 60_000 });
  // The registry's worst case: (nearly) every name new, so 100,000 entities are created.
  const distinct: InterchangeFile[] = [];
  for (let d = 0; d < 1000; d++) distinct.push(...bratPair(`doc${d}`, 100, random, 10_000_000));
  const fresh = await timedImport(distinct);
  metrics.push({ name: 'corpus.import_100k_spans_distinct_names_s', value: fresh.ms / 1000, unit: 's' });
  return metrics;
}

/** Replaces the corpus section of bench/RESULTS.md (between its markers), keeping the rest. */
export async function recordCorpus(metrics: readonly Metric[]): Promise<void> {
  const file = join(ROOT, 'bench/RESULTS.md');
  const existing = existsSync(file) ? await readFile(file, 'utf8') : '# Benchmark results\n';
  const begin = '<!-- corpus run -->';
  const end = '<!-- /corpus run -->';
  const section = `${begin}\n### Annotation import (bring your corpus): latest run ${new Date().toISOString()}, Node ${process.version}\n\n\`\`\`\n${printTable(metrics)}\n\`\`\`\n${end}`;
  const next = existing.includes(begin) ? existing.slice(0, existing.indexOf(begin)) + section + existing.slice(existing.indexOf(end) + end.length) : existing.replace('<!-- latest run -->', `${section}\n\n<!-- latest run -->`);
  await writeFile(file, next);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const metrics = await corpusMetrics();
  console.log(printTable(metrics));
  await recordCorpus(metrics);
}
