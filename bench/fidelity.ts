/**
 * npm run bench:fidelity [-- --corpus DIR] [--no-write]
 *
 * Imports every document of the shared corpus (../shared/corpus: real documents no one on
 * this project wrote) with the real importers, and compares each text with a reference
 * extractor's: pdftotext (poppler) for PDF, pandoc for everything else. EPUB, ODT and RTF
 * copies of some corpus documents are written by pandoc first (the corpus has none of its
 * own), so the new importers are measured on real content too. Prints a table and writes
 * it into bench/RESULTS.md between the fidelity markers. Skips cleanly without a corpus.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join, relative, resolve } from 'node:path';
import { analyseFile } from '../src/main/core/importers/analyse';
import { importerFor } from '../src/main/core/importers/registry';
import { characterRecall, headingsFound, orderRecall, pandocHeadings } from './lib/fidelity';

const ROOT = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const flag = (name: string): string | undefined => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);

function findCorpus(): string | undefined {
  const candidates = [flag('--corpus'), process.env.MARGINALIA_CORPUS, join(ROOT, '../shared/corpus'), join(ROOT, '../../shared/corpus')];
  return candidates.find((c): c is string => !!c && existsSync(c) && statSync(c).isDirectory());
}

/** The reference tools are installed for the bench only, and only where missing (apt, as root). */
function ensureTools(): { pdftotext: boolean; pandoc: boolean } {
  const has = (cmd: string): boolean => spawnSync(cmd, ['-v'], { stdio: 'ignore' }).error === undefined;
  const missing = [has('pdftotext') ? undefined : 'poppler-utils', has('pandoc') ? undefined : 'pandoc'].filter((p): p is string => !!p);
  if (missing.length > 0 && process.getuid?.() === 0) {
    console.log(`installing ${missing.join(', ')} with apt for the reference extractors`);
    spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { stdio: 'inherit' });
  }
  return { pdftotext: has('pdftotext'), pandoc: has('pandoc') };
}

const ANSI_ESCAPE = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[A-Za-z]`, 'g');

const PANDOC_FORMAT: Record<string, string> = { html: 'html', htm: 'html', xhtml: 'html', docx: 'docx', epub: 'epub', odt: 'odt', rtf: 'rtf', md: 'markdown', markdown: 'markdown' };

interface Reference {
  text: string;
  headings: string[] | null;
  ms: number;
  tool: string;
}

function reference(file: string, tools: { pdftotext: boolean; pandoc: boolean }): Reference | string {
  const ext = extname(file).slice(1).toLowerCase();
  const start = performance.now();
  // A text file is its own reference, less terminal colour codes (ESC [ 1;33m), which are not text.
  if (ext === 'txt' || ext === 'text') return { text: readFileSync(file, 'utf8').replace(ANSI_ESCAPE, ''), headings: null, ms: performance.now() - start, tool: 'the file itself' };
  if (ext === 'pdf') {
    if (!tools.pdftotext) return 'pdftotext is not installed';
    const r = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (r.status !== 0) return `pdftotext: ${(r.stderr || '').trim().split('\n').pop()}`;
    return { text: r.stdout, headings: null, ms: performance.now() - start, tool: 'pdftotext' };
  }
  const from = PANDOC_FORMAT[ext];
  if (!from) return `no reference for .${ext}`;
  if (!tools.pandoc) return 'pandoc is not installed';
  const plain = spawnSync('pandoc', ['-f', from, '-t', 'plain', '--wrap=none', file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - start;
  if (plain.status !== 0) return `pandoc: ${(plain.stderr || '').trim().split('\n').pop()}`;
  const json = spawnSync('pandoc', ['-f', from, '-t', 'json', file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { text: plain.stdout, headings: json.status === 0 ? pandocHeadings(JSON.parse(json.stdout)) : null, ms, tool: 'pandoc' };
}

/** EPUB, ODT and RTF copies of corpus documents, written by pandoc. */
function derived(corpus: string, dir: string, pandoc: boolean): { file: string; from: string }[] {
  if (!pandoc) return [];
  const sources = ['md/legal.zh-hans.md', 'md/legal.en.md', 'html/debian-handbook-foundation-documents.zh-CN.html', 'html/gnu-coding-standards.html'];
  const out: { file: string; from: string }[] = [];
  for (const source of sources) {
    const input = join(corpus, source);
    if (!existsSync(input)) continue;
    for (const to of ['epub', 'odt', 'rtf']) {
      const file = join(dir, `${basename(source, extname(source))}.${to}`);
      const from = PANDOC_FORMAT[extname(source).slice(1)]!;
      const r = spawnSync('pandoc', ['-f', from, '-t', to, '-s', '--metadata', `title=${basename(source)}`, '-o', file, input], { encoding: 'utf8' });
      if (r.status === 0) out.push({ file, from: source });
    }
  }
  return out;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

interface Row {
  name: string;
  type: string;
  refChars?: number;
  ourChars?: number;
  recall?: number;
  order?: number;
  headings?: string;
  missing?: string[];
  ms?: number;
  refMs?: number;
  note: string;
}

const fmt = (n: number | undefined, digits = 3): string => (n === undefined ? '–' : n.toFixed(digits));

async function main(): Promise<void> {
  const corpus = findCorpus();
  if (!corpus) {
    console.log('bench:fidelity: no corpus (../shared/corpus or --corpus DIR); nothing measured.');
    return;
  }
  const tools = ensureTools();
  const scratch = mkdtempSync(join(tmpdir(), 'marginalia-fidelity-'));
  try {
    const files = [
      ...walk(corpus)
        .filter((f) => importerFor(f) && basename(f) !== 'README.md')
        .sort()
        .map((file) => ({ file, name: relative(corpus, file), from: undefined as string | undefined })),
      ...derived(corpus, scratch, tools.pandoc).map((d) => ({ file: d.file, name: `${basename(d.file)} (pandoc)`, from: d.from })),
    ];
    const rows: Row[] = [];
    for (const { file, name, from } of files) {
      const bytes = new Uint8Array(readFileSync(file));
      const type = importerFor(file)!.type;
      const start = performance.now();
      const ours = await analyseFile(bytes, file).then(
        (parsed) => parsed,
        (error: Error) => error,
      );
      const ms = performance.now() - start;
      const ref = reference(file, tools);
      const fromNote = from ? `written by pandoc from ${from}` : '';
      if (ours instanceof Error) {
        rows.push({ name, type, ms, note: [`refused: ${ours.message}`, typeof ref === 'string' ? `reference: ${ref}` : `reference read ${ref.text.length} chars`].join('; ') });
        console.log(`${name}: refused (${ours.message})`);
        continue;
      }
      if (typeof ref === 'string') {
        rows.push({ name, type, ms, note: `imported ${ours.text.length} chars${ours.notices?.length ? ` (${ours.notices.join('; ')})` : ''}; reference: ${ref}` });
        console.log(`${name}: no reference (${ref})`);
        continue;
      }
      const ourHeadings = ours.blocks.filter((b) => b.kind === 'heading').map((b) => ours.text.slice(b.start, b.end));
      const h = ref.headings ? headingsFound(ref.headings, ourHeadings) : undefined;
      const row: Row = {
        name,
        type,
        refChars: ref.text.replace(/\s+/g, '').length,
        ourChars: ours.text.replace(/\s+/g, '').length,
        recall: characterRecall(ref.text, ours.text),
        order: orderRecall(ref.text, ours.text),
        ...(h ? { headings: `${h.found}/${h.total}`, missing: h.missing } : { headings: 'n/a' }),
        ms,
        refMs: ref.ms,
        note: [fromNote, ours.notices?.join('; ') ?? '', h && h.missing.length ? `missing: ${h.missing.slice(0, 3).map((m) => `“${m}”`).join(', ')}` : ''].filter(Boolean).join('; '),
      };
      rows.push(row);
      console.log(`${name}: recall ${fmt(row.recall)} order ${fmt(row.order)} headings ${row.headings} ${ms.toFixed(0)} ms`);
    }
    const table = render(rows, corpus, tools);
    console.log(`\n${table}`);
    if (!args.includes('--no-write')) writeResults(table);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function render(rows: Row[], corpus: string, tools: { pdftotext: boolean; pandoc: boolean }): string {
  const measured = rows.filter((r) => r.recall !== undefined);
  const recalls = measured.map((r) => r.recall!).sort((a, b) => a - b);
  const median = recalls.length ? (recalls.length % 2 ? recalls[(recalls.length - 1) / 2]! : (recalls[recalls.length / 2 - 1]! + recalls[recalls.length / 2]!) / 2) : NaN;
  const under = measured.filter((r) => r.recall! < 0.95);
  const headingTotals = measured.reduce((acc, r) => {
    const [f, t] = (r.headings ?? '').split('/').map(Number);
    return Number.isFinite(t) ? { found: acc.found + f!, total: acc.total + t! } : acc;
  }, { found: 0, total: 0 });
  const pandocVersion = tools.pandoc ? spawnSync('pandoc', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0] : 'absent';
  const popplerVersion = tools.pdftotext ? (spawnSync('pdftotext', ['-v'], { encoding: 'utf8' }).stderr.split('\n')[0] ?? '') : 'absent';
  const lines = [
    `Run ${new Date().toISOString().slice(0, 10)} on ${measured.length + (rows.length - measured.length)} files from \`${basename(resolve(corpus, '..'))}/corpus\` (references: ${pandocVersion}; ${popplerVersion}).`,
    '',
    `**Median character recall ${fmt(median)}** (target ≥ 0.99); lowest ${fmt(recalls[0])}; ${under.length} under 0.95${under.length ? ` (${under.map((r) => r.name).join(', ')}: see the notes)` : ''}. Headings the reference finds: ${headingTotals.found} of ${headingTotals.total} found.`,
    '',
    '| file | type | reference chars | our chars | char recall | 4-token order | headings | ours ms | reference ms | notes |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows.map((r) =>
      `| ${r.name} | ${r.type} | ${r.refChars ?? '–'} | ${r.ourChars ?? '–'} | ${fmt(r.recall)} | ${fmt(r.order)} | ${r.headings ?? '–'} | ${r.ms?.toFixed(0) ?? '–'} | ${r.refMs?.toFixed(0) ?? '–'} | ${r.note.replace(/\|/g, '\\|')} |`,
    ),
  ];
  return lines.join('\n');
}

const START = '<!-- fidelity:start -->';
const END = '<!-- fidelity:end -->';

function writeResults(table: string): void {
  const path = join(ROOT, 'bench', 'RESULTS.md');
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmark results\n';
  const section = `${START}\n${table}\n${END}`;
  const next = current.includes(START) && current.includes(END)
    ? current.slice(0, current.indexOf(START)) + section + current.slice(current.indexOf(END) + END.length)
    : `${current.trimEnd()}\n\n## Fidelity against reference extractors (\`npm run bench:fidelity\`)\n\nCharacter recall counts letters and digits (NFKC, case-folded) of the reference's text that the import holds too; order is the share of the reference's 4-word sequences (Intl.Segmenter words, so Chinese counts too) found in the import; headings are the reference's Header blocks (pandoc's AST; pdftotext has none) that the import marks as headings. Time is the importer in this process (PDF: its sandboxed worker) beside the reference tool's.\n\n${section}\n`;
  writeFileSync(path, next);
  console.log(`written to ${relative(ROOT, path)}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
