/**
 * Micro-benchmark of the search index on generated data: 10,000 documents of ~5 KB,
 * 15% Chinese (TOOLCHAIN.md's setting). Prints build, save, load and search times.
 * English is Zipf-distributed words over a 30k vocabulary; Chinese is sentences drawn from
 * ../shared/corpus when it exists (real segmenter work), random common characters if not.
 * Run: npx rolldown bench/search-index.bench.ts --file /tmp/sb.mjs --platform node && node --expose-gc /tmp/sb.mjs
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { indexFile } from '../src/main/core/search/persist';
import { SearchIndex } from '../src/main/core/search/search-index';
import type { IndexableDoc } from '../src/main/core/search/types';

const N = Number(process.env.DOCS ?? 10_000);
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;

const vocab = Array.from({ length: 30_000 }, (_, i) => {
  let w = '';
  for (let k = 0, n = 3 + (i % 8); k < n; k++) w += String.fromCharCode(97 + Math.floor(rand() * 26));
  return w;
});
vocab.splice(0, 10, 'the', 'of', 'and', 'to', 'in', 'carbon', 'policy', 'report', 'biomedicine', 'research');
const zipf = () => vocab[Math.min(vocab.length - 1, Math.floor(Math.exp(rand() * Math.log(vocab.length)) - 1))]!;

const corpus = '../shared/corpus';
const zhSources = ['txt/debian-faq.zh-cn.txt', 'md/legal.zh-hans.md', 'html/debian-handbook-foundation-documents.zh-CN.html']
  .map((f) => join(corpus, f))
  .filter(existsSync);
const zhSentences = zhSources
  .flatMap((f) => readFileSync(f, 'utf8').split(/(?<=[。！？\n])/))
  .map((s) => s.trim())
  .filter((s) => /[\u4e00-\u9fff]{4}/.test(s) && s.length < 300);
const common = '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研究院健康广州医药';
const zhFallback = () => {
  let s = '';
  for (let i = 0, n = 10 + Math.floor(rand() * 30); i < n; i++) s += common[Math.floor(rand() * common.length)];
  return `${s}。`;
};

function makeDoc(i: number): IndexableDoc {
  const zh = i % 20 < 3;
  let text = '';
  while (text.length < (zh ? 2500 : 5000)) {
    if (zh) text += `${zhSentences.length ? pick(zhSentences) : zhFallback()}\n`;
    else {
      const words = Array.from({ length: 12 + Math.floor(rand() * 20) }, zipf);
      text += `${words.join(' ')}.${rand() < 0.2 ? '\n\n' : ' '}`;
    }
  }
  const title = zh ? text.slice(0, 12) : Array.from({ length: 5 }, zipf).join(' ');
  return { id: `doc-${i}`, title, text, meta: { type: zh ? 'pdf' : 'txt', language: zh ? 'zh' : 'en', date: `20${10 + (i % 15)}-01-01` } };
}

const ms = (t0: number) => Math.round(performance.now() - t0);
const heapMb = () => {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return Math.round((m.heapUsed + m.arrayBuffers) / 1e6);
};

const root = await mkdtemp(join(tmpdir(), 'marginalia-bench-'));
try {
  const docs = Array.from({ length: N }, (_, i) => makeDoc(i));
  const chars = docs.reduce((n, d) => n + d.text.length, 0);
  await mkdir(join(root, 'texts'));
  await Promise.all(docs.map((d) => writeFile(join(root, 'texts', `${d.id}.txt`), d.text)));
  const getText = (id: string) => readFile(join(root, 'texts', `${id}.txt`), 'utf8');
  console.log(`docs ${N}, ${(chars / 1e6).toFixed(1)} M chars, Chinese sentences from corpus: ${zhSentences.length > 0}`);
  const heap0 = heapMb();

  let t0 = performance.now();
  const index = await SearchIndex.open(join(root, 'index'), async function* () { yield* docs; }, { getText, fingerprint: () => 'bench' });
  console.log(`build ${ms(t0)} ms (${Math.round(N / ((performance.now() - t0) / 1000))} docs/s), heap+buffers +${heapMb() - heap0} MB`);
  t0 = performance.now();
  await index.save();
  console.log(`save ${ms(t0)} ms, file ${((await stat(indexFile(join(root, 'index')))).size / 1e6).toFixed(1)} MB`);

  const heap1 = heapMb();
  t0 = performance.now();
  const loaded = await SearchIndex.open(join(root, 'index'), () => { throw new Error('should load'); }, { getText, fingerprint: () => 'bench' });
  console.log(`load ${ms(t0)} ms (${loaded.origin}), loaded index heap+buffers ${heapMb() - heap1} MB`);

  const queries = ['carbon', 'policy report', '"carbon policy"', 'biomed*', 'research -carbon', vocab[5000]!, `${vocab[200]} ${vocab[300]}`, '中国', '软件包', '"发行版"', '维护者 OR 开发者', 'the', 'carbon', '自由软件'];
  for (const snippets of [false, true]) {
    const times: number[] = [];
    for (let round = 0; round < 5; round++) {
      for (const q of queries) {
        const t = performance.now();
        const r = await loaded.search(q, { limit: 20, snippets });
        times.push(performance.now() - t);
        if (round === 1 && snippets) console.log(`  ${q.padEnd(24)} total ${r.approximate ? '~' : ''}${r.total}, ${(performance.now() - t).toFixed(1)} ms`);
      }
    }
    times.sort((a, b) => a - b);
    const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(2);
    console.log(`search${snippets ? ' +snippets' : ''}: p50 ${p(0.5)} ms, p95 ${p(0.95)} ms, max ${p(1)} ms`);
  }
  t0 = performance.now();
  const one = docs[1]!;
  loaded.update({ ...one, text: `${one.text} zzuniqueword` });
  console.log(`update one doc ${(performance.now() - t0).toFixed(1)} ms; found: ${(await loaded.search('zzuniqueword')).total}`);
} finally {
  await rm(root, { recursive: true, force: true });
}
