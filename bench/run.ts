/**
 * npm run bench [-- --docs N] [--json FILE] [--keep] [--no-ocr]
 * npm run bench -- --growth 1000,10000   (only the growth table, at these sizes)
 *   [--backup-up-to N]   (backup and restore measured only at stages up to N documents)
 *
 * Builds a seeded corpus, then measures the real core (the code the app and the CLI run):
 * import, start-up, search, annotation saves, the reader in Chromium, PDF extraction and
 * memory, each beside the floor measured in the same run. Prints a table, writes JSON,
 * and records the run in bench/RESULTS.md.
 */
import { cpus, totalmem, tmpdir } from 'node:os';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { makeCorpus } from './lib/corpus';
import { printTable, type Metric } from './lib/measure';
import { peaks } from './lib/peak-rss';
import { ocrBench } from './lib/ocr';
import { pdfThroughput } from './lib/pdf';
import { pureTimings } from './lib/pure';
import { pdfMapRoundTrip } from './lib/pdf-map';
import { growth, growthStages, growthTable, GROWTH_SIZES, type StageResult } from './lib/growth';
import { makeQueries } from './lib/queries';
import { seeded } from './lib/random';
import { pageViewTimings } from './lib/pages';
import { makeVocabulary } from './lib/text-generator';
import { nerMetrics, recordNer } from './ner';
import { corpusMetrics, recordCorpus } from './corpus';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
/** --growth 1000,10000: only the growth table (import, start-up, search, saves, library table, the 2 MB open), at these sizes. */
const GROWTH_ONLY = flag('--growth');
const SIZES = GROWTH_ONLY ? GROWTH_ONLY.split(',').map(Number) : GROWTH_SIZES;
/** --backup-up-to N: backup and restore only at stages up to N documents (they take minutes on a large archive). */
const BACKUP_UP_TO = Number(flag('--backup-up-to') ?? Infinity);
const DOCS = GROWTH_ONLY ? Math.max(...SIZES) : Number(flag('--docs') ?? 10_000);
const JSON_OUT = flag('--json');
const ROOT = resolve(import.meta.dirname, '..');

const metrics: Metric[] = [];
const add = (m: Metric) => {
  metrics.push(m);
  console.log(`  ${m.name}: ${m.value.toFixed(2)} ${m.unit}${m.floor !== undefined ? ` (floor ${m.floor.toFixed(2)})` : ''}`);
};
const atLeast = (value: number, target: number) => ({ target: `>= ${target}`, met: value >= target });
const atMost = (value: number, target: number) => ({ target: `<= ${target}`, met: value <= target });

/** The page view of a 350-page PDF (issue 12): its own archive, so it also runs alone with --only pages. */
async function pageView() {
  console.log('page view (Chromium, browser mode, a 350-page PDF)');
  if (!existsSync('/usr/bin/chromium')) return console.log('  skipped: /usr/bin/chromium is not installed');
  const pages = await pageViewTimings();
  add({ name: 'pages.first_paint_350p_ms', value: pages.openMs, unit: 'ms', ...atMost(pages.openMs, 500) });
  add({ name: 'pages.first_paint_350p_cold_ms', value: pages.coldOpenMs, unit: 'ms' });
  add({ name: 'pages.scroll_50_longest_task_ms', value: pages.longestTaskMs, unit: 'ms', ...atMost(pages.longestTaskMs, 100) });
  add({ name: 'pages.scroll_50_long_tasks_over_100ms', value: pages.longTasks, unit: 'count', ...atMost(pages.longTasks, 0) });
  add({ name: 'pages.renderer_peak_rss_mb', value: pages.rendererMb, unit: 'MB', ...atMost(pages.rendererMb, 400) });
}

async function main() {
  if (!existsSync(join(ROOT, 'out/main/cli.js'))) throw new Error('Build first: npm run build (npm run bench does).');
  if (flag('--only') === 'pages') {
    await pageView();
    console.log(`\n${printTable(metrics)}\n`);
    return;
  }
  const work = await mkdtemp(join(tmpdir(), 'marginalia-bench-'));
  const archiveDir = join(work, 'archive');
  console.log(`marginalia bench: ${DOCS} documents, ${cpus().length} CPUs, Node ${process.version}; working in ${work}`);
  try {
    const t0 = performance.now();
    const corpus = await makeCorpus(join(work, 'corpus'), DOCS, undefined, growthStages(DOCS, SIZES));
    const totalBytes = corpus.textFiles.reduce((n, f) => n + f.bytes, 0);
    console.log(`corpus: ${corpus.textFiles.length} text files (${(totalBytes / 1048576).toFixed(1)} MB, ${corpus.textFiles.filter((f) => f.chinese).length} Chinese), ${corpus.pdfFiles.length} PDFs, in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const stages = growthStages(DOCS, SIZES);
    const vocabulary = makeVocabulary(seeded(20261121));
    const queries = makeQueries(seeded(7), vocabulary);
    const warmUp = makeQueries(seeded(8), vocabulary).slice(0, 30);
    const grown = await growth(corpus, stages, archiveDir, queries, warmUp, (m) => console.log(`  ${m.name}: ${m.value.toFixed(2)} ${m.unit}${m.floor !== undefined ? ` (floor ${m.floor.toFixed(2)})` : ''}`), BACKUP_UP_TO, recordGrowth);
    metrics.push(...grown.at(-1)!.metrics);
    const rg = ripgrepFloor(corpus.textDir, queries.slice(0, 24));
    if (rg !== undefined) add({ name: 'search.ripgrep_p50_ms', value: rg, unit: 'ms' });
    if (GROWTH_ONLY) {
      console.log(`\n${growthTable(grown)}\n`);
      return;
    }

    console.log('pure text work (2 MB)');
    const pure = pureTimings();
    add({ name: 'pure.build_plain_text_2mb_ms', value: pure.buildPlainText2mbMs, unit: 'ms', ...atMost(pure.buildPlainText2mbMs, 800) });
    add({ name: 'pure.anchor_2mb_exact_ms', value: pure.anchorExactMs, unit: 'ms', ...atMost(pure.anchorExactMs, 50) });
    add({ name: 'pure.anchor_2mb_fuzzy_ms', value: pure.anchorFuzzyMs, unit: 'ms', ...atMost(pure.anchorFuzzyMs, 300) });
    add({ name: 'pure.anchor_2mb_orphan_ms', value: pure.anchorOrphanMs, unit: 'ms', ...atMost(pure.anchorOrphanMs, 500) });
    add({ name: 'pure.anchor_all_500_ms', value: pure.anchorAll500Ms, unit: 'ms', ...atMost(pure.anchorAll500Ms, 500) });

    // The reader's rows (the 2 MB open, cold and warm) came with the growth table's last stage: this archive.
    await pageView();

    console.log(`PDF (${corpus.pdfFiles.length} files, ${corpus.pdfFiles.reduce((n, f) => n + f.pages, 0)} pages)`);
    const pdf = await pdfThroughput(corpus);
    if (pdf.failed.length) console.log(`  ${pdf.failed.length} failed, e.g. ${pdf.failed[0]}`);
    add({ name: 'pdf.pages_per_s', value: pdf.pagesPerSec, unit: 'pages/s', ...(pdf.pdftotextPagesPerSec !== undefined ? { floor: pdf.pdftotextPagesPerSec } : {}), ...atLeast(pdf.pagesPerSec, 50) });
    const mapping = await pdfMapRoundTrip();
    add({ name: `pdf.selection_map_p50_ms (${mapping.pages} pages)`, value: mapping.p50, unit: 'ms' });
    add({ name: `pdf.selection_map_p95_ms (${mapping.pages} pages)`, value: mapping.p95, unit: 'ms', ...atMost(mapping.p95, 5) });

    console.log('entity suggestions (labelled fixtures, 100 KB Chinese)');
    const ner = await nerMetrics();
    for (const m of ner.metrics) add(m);
    await recordNer(ner.metrics);

    console.log('annotation import at corpus scale (brat pairs: 10,000 spans in one document, 100,000 across 1,000)');
    const corpusImport = await corpusMetrics();
    for (const m of corpusImport) add(m);
    await recordCorpus(corpusImport);

    if (args.includes('--no-ocr')) console.log('OCR: skipped (--no-ocr)');
    else {
      console.log('OCR (generated 300 dpi scans: dense English and Chinese A4 pages, 2 of each)');
      const ocr = await ocrBench();
      const native = ocr.native;
      add({ name: 'ocr.pages_per_min', value: ocr.pagesPerMin, unit: 'pages/min', ...(native ? { floor: native.pagesPerMin, ...atLeast(ocr.pagesPerMin / native.pagesPerMin, 0.6), target: '>= 0.6 x native' } : {}) });
      add({ name: 'ocr.cer_english', value: ocr.cerEnglish * 100, unit: '%', ...(native ? { floor: native.cerEnglish * 100 } : {}), ...atMost(ocr.cerEnglish * 100, 5) });
      add({ name: 'ocr.cer_chinese', value: ocr.cerChinese * 100, unit: '%', ...(native ? { floor: native.cerChinese * 100 } : {}), ...atMost(ocr.cerChinese * 100, 8) });
      add({ name: 'ocr.peak_rss_mb', value: ocr.peakMb, unit: 'MB', ...atMost(ocr.peakMb, 600) });
    }

    // Team sync (issue #18) in processes of its own (PostgreSQL, the team server, 20 desktops); it writes its own section of RESULTS.md.
    if (args.includes('--no-sync')) console.log('team sync: skipped (--no-sync)');
    else {
      const seconds = flag('--sync-seconds') ?? '60';
      console.log(`team sync (PostgreSQL, ${DOCS} documents, 20 annotators for ${seconds} s)`);
      const sync = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/sync.ts'), '--docs', String(DOCS), '--seconds', seconds], { stdio: 'inherit' });
      if (sync.status !== 0) console.log(`  team sync bench did not finish (exit ${sync.status})`);
    }

    // The core's processes: the CLI import and the servers behind reopen and the reader.
    const rssMb = Math.max(...peaks.values());
    add({ name: 'memory.peak_rss_mb', value: rssMb, unit: 'MB', ...atMost(rssMb, 500) });
    for (const [phase, mb] of peaks) add({ name: `memory.${phase}_rss_mb`, value: mb, unit: 'MB' });
    // The bench's own process also holds the corpus, the floors' texts and the in-process search runs.
    add({ name: 'memory.bench_process_rss_mb', value: process.resourceUsage().maxRSS / 1024, unit: 'MB' });

    console.log(`\n${printTable(metrics)}\n`);
    const electron = JSON.parse(await readFile(join(ROOT, 'node_modules/electron/package.json'), 'utf8')).version as string;
    const result = { docs: DOCS, cpus: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, electron, date: new Date().toISOString(), ...Object.fromEntries(metrics.map((m) => [m.name, Number(m.value.toFixed(3))])) };
    if (JSON_OUT) await writeFile(JSON_OUT, `${JSON.stringify(result, null, 2)}\n`);
    await recordResults(result);
  } finally {
    if (!args.includes('--keep')) await rm(work, { recursive: true, force: true });
  }
}

function ripgrepFloor(dir: string, queries: readonly string[]): number | undefined {
  if (spawnSync('rg', ['--version']).status !== 0) return undefined;
  const times: number[] = [];
  for (const q of queries) {
    const pattern = q.replace(/^"|"$/g, '').replace(/\*$/, '').split(' ')[0]!;
    const start = performance.now();
    spawnSync('rg', ['-l', '-i', '-F', pattern, dir]);
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

/** `text` with what lies between the markers `open` and `close` (both included) replaced by `block`; null when a marker is missing. */
function between(text: string, open: string, close: string, block: string): string | null {
  const start = text.indexOf(open);
  const end = text.indexOf(close);
  return start >= 0 && end > start ? text.slice(0, start) + block + text.slice(end + close.length) : null;
}

/** Writes the growth table between its markers in bench/RESULTS.md (above the latest run), keeping the rest. */
async function recordGrowth(results: readonly StageResult[]) {
  const file = join(ROOT, 'bench/RESULTS.md');
  const existing = existsSync(file) ? await readFile(file, 'utf8') : '';
  const [open, close] = ['<!-- growth table -->', '<!-- /growth table -->'];
  const block = `${open}\n### Growth table: ${new Date().toISOString()}, ${cpus().length} CPUs, Node ${process.version}${GROWTH_ONLY ? ' (`--growth` run)' : ''}\n\n${growthTable(results)}\n${close}`;
  const next = between(existing, open, close, block) ?? (existing.includes('<!-- latest run -->') ? existing.replace('<!-- latest run -->', `${block}\n\n<!-- latest run -->`) : `${existing}\n${block}\n`);
  await writeFile(file, next);
  console.log(`growth table recorded in ${file}`);
}

/** Writes the latest run between its markers in bench/RESULTS.md, keeping every section around it. */
async function recordResults(result: Record<string, unknown>) {
  const file = join(ROOT, 'bench/RESULTS.md');
  const existing = existsSync(file) ? await readFile(file, 'utf8') : '# Benchmark results\n\nWritten by `npm run bench`; the notes around the latest run are kept.\n\n';
  const [open, close] = ['<!-- latest run -->', '<!-- /latest run -->'];
  const block = `${open}\n## Latest run: ${result.date} — ${result.docs} documents, ${result.cpus} CPUs, ${result.memoryGb} GB, Node ${result.node}, Electron ${result.electron}\n\n\`\`\`\n${printTable(metrics)}\n\`\`\`\n${close}`;
  // A file from before the closing marker: the latest run was its last section.
  const next = between(existing, open, close, block) ?? (existing.includes(open) ? `${existing.slice(0, existing.indexOf(open))}${block}\n` : `${existing}\n${block}\n`);
  await writeFile(file, next);
  console.log(`recorded in ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
