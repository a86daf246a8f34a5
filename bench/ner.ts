/**
 * npm run bench:ner — quality and speed of entity suggestions (also part of npm run bench).
 *
 * Quality: the suggesters run on labelled fixtures the project owns (bench/fixtures/ner:
 * an English and a Chinese institutional report, gold entities in brat .ann) with an empty
 * registry, so only the rules, jieba and compromise speak; precision, recall and F1 per
 * label, exact spans. Speed: suggestions for a 100 KB Chinese document, the first call
 * (jieba's dictionary and compromise load), the median of five on new versions of it (nothing
 * cached), the median of five on the same version again (cached), and a Chinese news text.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_LABELS } from '../src/shared/model';
import { suggest } from '../src/main/core/entities/suggest';
import { readBratSpans, scoreSpans, type LabelScore, type Span } from '../src/main/core/entities/suggest/score';
import { percentile, printTable, type Metric } from './lib/measure';

const ROOT = resolve(import.meta.dirname, '..');
const FIXTURES = join(ROOT, 'bench/fixtures/ner');
const LABELS = DEFAULT_LABELS.map((l) => l.id);
const TARGETS: Record<string, Record<string, number>> = { zh: { PERSON: 0.8, ORG: 0.8, LOCATION: 0.8 }, en: { PERSON: 0.85, ORG: 0.85, LOCATION: 0.85 } };

export const NER_SETS = ['report', 'dev', 'heldout', 'heldout2', 'heldout3'] as const;

export async function nerMetrics(sets: readonly string[] = NER_SETS, showErrors = false): Promise<{ metrics: Metric[]; scores: Record<string, LabelScore[]> }> {
  const metrics: Metric[] = [];
  const scores: Record<string, LabelScore[]> = {};
  // Speed first, on a cold process: the first call pays for loading jieba's dictionary.
  const zh = await readFile(join(FIXTURES, 'zh-report.txt'), 'utf8');
  const corpusZh = '/work/shared/corpus/txt/debian-faq.zh-cn.txt';
  const source = existsSync(corpusZh) ? await readFile(corpusZh, 'utf8') : zh;
  // Chinese paragraphs of the corpus (or the fixture) until the text is 100 KB in UTF-8.
  const paragraphs = source.split('\n').filter((p) => /\p{Script=Han}/u.test(p));
  let big = '';
  for (let i = 0; new TextEncoder().encode(big).length < 100_000; i++) big += `${paragraphs[i % paragraphs.length]}\n`;
  const bytes = new TextEncoder().encode(big).length;
  let start = performance.now();
  await suggest(big, [], [], LABELS, []);
  metrics.push({ name: `suggest.zh_${Math.round(bytes / 1000)}kb_first_ms`, value: performance.now() - start, unit: 'ms' });
  // A new version of the document each time (one line changed), so nothing cached helps.
  const fresh: number[] = [];
  for (let i = 0; i < 5; i++) {
    const version = `${big.slice(0, -60)}第${i + 1}版。\n`;
    start = performance.now();
    await suggest(version, [], [], LABELS, []);
    fresh.push(performance.now() - start);
  }
  const warm = percentile(fresh, 50);
  metrics.push({ name: `suggest.zh_${Math.round(bytes / 1000)}kb_ms`, value: warm, unit: 'ms', target: '<= 1000', met: warm <= 1000 });
  // The same version again (after an accepted suggestion, or s pressed again): the text's layers are cached.
  const again: number[] = [];
  for (let i = 0; i < 5; i++) {
    start = performance.now();
    await suggest(big, [], [], LABELS, []);
    again.push(performance.now() - start);
  }
  metrics.push({ name: `suggest.zh_${Math.round(bytes / 1000)}kb_again_ms`, value: percentile(again, 50), unit: 'ms' });
  // A Chinese news report with no English (the zh report fixture repeated to 100 KB), a new version each time.
  let news = '';
  for (let i = 0; new TextEncoder().encode(news).length < 100_000; i++) news += `${zh}\n`;
  const newsRuns: number[] = [];
  for (let i = 0; i < 5; i++) {
    const version = `${news}第${i + 1}版。\n`;
    start = performance.now();
    await suggest(version, [], [], LABELS, []);
    newsRuns.push(performance.now() - start);
  }
  const newsMs = percentile(newsRuns, 50);
  metrics.push({ name: 'suggest.zh_news_100kb_ms', value: newsMs, unit: 'ms', target: '<= 1000', met: newsMs <= 1000 });

  // Development sets (the rules are tuned on these): "report" and "dev" (place-heavy, added
  // for the place rules). Held-out sets, written and labelled before the rules they measure
  // and never tuned on: "heldout" and "heldout2" (three fixes followed their errors, see
  // RESULTS.md) and "heldout3" (written after all tuning, scored blind).
  for (const set of sets) for (const lang of ['zh', 'en'] as const) {
    const text = await readFile(join(FIXTURES, `${lang}-${set}.txt`), 'utf8');
    const gold = readBratSpans(await readFile(join(FIXTURES, `${lang}-${set}.ann`), 'utf8'), text);
    const predicted = await suggest(text, [], [], LABELS, []);
    const scored = (scores[`${lang}-${set}`] = scoreSpans(predicted, gold));
    if (showErrors) printErrors(`${lang}-${set}`, text, predicted, gold);
    for (const s of scored) {
      const target = TARGETS[lang]![s.label];
      metrics.push({ name: `ner.${lang}.${set}.${s.label}.f1`, value: s.f1, unit: `P ${s.precision.toFixed(2)} R ${s.recall.toFixed(2)} (${s.correct}/${s.gold})`, ...(target ? { target: `>= ${target}`, met: s.f1 >= target } : {}) });
    }
  }
  return { metrics, scores };
}

/** Misses and false positives of one fixture, for tuning on the development sets. */
function printErrors(name: string, text: string, predicted: readonly Span[], gold: readonly Span[]): void {
  const key = (s: Span) => `${s.label}|${s.start}|${s.end}`;
  const goldKeys = new Set(gold.map(key));
  const predictedKeys = new Set(predicted.map(key));
  for (const g of gold) if (!predictedKeys.has(key(g))) console.log(`${name} missed ${g.label} ${text.slice(g.start, g.end)}`);
  for (const p of predicted) if (!goldKeys.has(key(p))) console.log(`${name} false  ${p.label} ${text.slice(p.start, p.end)}`);
}

/** Replaces the NER section of bench/RESULTS.md (between its markers), keeping the rest. */
export async function recordNer(metrics: readonly Metric[]): Promise<void> {
  const file = join(ROOT, 'bench/RESULTS.md');
  const existing = existsSync(file) ? await readFile(file, 'utf8') : '# Benchmark results\n';
  const begin = '<!-- ner run -->';
  const end = '<!-- /ner run -->';
  const section = `${begin}\n### Entity suggestions: latest run ${new Date().toISOString()}, Node ${process.version}\n\n\`\`\`\n${printTable(metrics)}\n\`\`\`\n${end}`;
  const next = existing.includes(begin) ? existing.slice(0, existing.indexOf(begin)) + section + existing.slice(existing.indexOf(end) + end.length) : existing.replace('<!-- latest run -->', `${section}\n\n<!-- latest run -->`);
  await writeFile(file, next);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  // --sets report,dev scores only those (tuning); --errors lists misses and false positives.
  const at = process.argv.indexOf('--sets');
  const sets = at > 0 ? process.argv[at + 1]!.split(',') : NER_SETS;
  const { metrics, scores } = await nerMetrics(sets, process.argv.includes('--errors'));
  console.log(printTable(metrics));
  if (process.argv.includes('--verbose')) console.log(JSON.stringify(scores, null, 1));
  // Only a full run is recorded.
  if (at < 0) await recordNer(metrics);
}
