import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportToFolder } from './export-to-folder';
import { ENTITIES, fixtureArchive } from './test-fixture';
import { hasMarkdownlint, hasPandoc, hasValidators, MARKDOWNLINT, run, skipNote, VALIDATORS } from './tools';

/**
 * The exports checked by other people's readers of the formats: the W3C WG's own
 * assertions, NLTK's CoNLL reader, markdownlint, pandoc, and Python for code-point offsets.
 */
// One export for all checks below (useTempDirs() empties its folders after each test).
let root = '';
const tempDir = async () => {
  const dir = join(root, String(Math.random()).slice(2));
  await mkdir(dir);
  return dir;
};
const hasPython = run('python3', ['--version']).status === 0;
skipNote(`${VALIDATORS} (W3C and CoNLL validators)`, hasValidators);
skipNote('pandoc', hasPandoc);
skipNote('markdownlint-cli2', hasMarkdownlint);
skipNote('python3', hasPython);

let out: Record<string, string> = {};
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'marginalia-export-'));
  const { archive } = await fixtureArchive(await tempDir());
  out = {};
  for (const format of ['markdown', 'w3c', 'brat', 'conll', 'doccano', 'csv'] as const) {
    out[format] = await tempDir();
    await exportToFolder(archive, { format, outDir: out[format], entities: ENTITIES });
  }
  await archive.close();
}, 60_000);
afterAll(() => rm(root, { recursive: true, force: true }));

const files = async (dir: string, ext: string) => (await readdir(dir)).filter((f) => f.endsWith(ext)).map((f) => join(dir, f));

describe.runIf(hasValidators)('external validators', () => {
  it('W3C Web Annotation: every MUST of the WG test suite holds and JSON-LD expands', async () => {
    const r = run(join(VALIDATORS, 'w3c/validate'), await files(out.w3c!, '.jsonld'));
    expect(r.output).not.toMatch(/FAIL/);
    expect(r.status, r.output).toBe(0);
  }, 180_000);

  it('CoNLL IOB2: NLTK reads every file strictly', async () => {
    const r = run(join(VALIDATORS, 'conll/check'), await files(out.conll!, '.conll'));
    expect(r.status, r.output).toBe(0);
    expect(r.output).toMatch(/年度报告\.conll: \d+ sentences, \d+ tokens, entities \{'ORG': 3\}/);
  }, 180_000);
});

describe.runIf(hasMarkdownlint)('markdownlint', () => {
  it('passes the default rules (with the documented exceptions beside the files)', () => {
    const r = run(MARKDOWNLINT, ['*.md'], out.markdown);
    expect(r.status, r.output).toBe(0);
  }, 180_000);
});

describe.runIf(hasPandoc)('pandoc', () => {
  it('reads front matter as metadata and highlights as block quotes', async () => {
    const file = (await files(out.markdown!, '.md')).find((f) => f.includes('Annual address'))!;
    const meta = JSON.parse(run('pandoc', ['-f', 'markdown', '-t', 'json', file]).output);
    expect(Object.keys(meta.meta).sort()).toEqual(['date', 'entities', 'id', 'language', 'source', 'tags', 'title']);
    const gfm = JSON.parse(run('pandoc', ['-f', 'gfm', '-t', 'json', file]).output);
    const kinds = gfm.blocks.map((b: { t: string }) => b.t);
    expect(kinds.filter((k: string) => k === 'BlockQuote')).toHaveLength(6);
    expect(kinds).not.toContain('RawBlock');
    // Metadata is read as Markdown by pandoc; the body must hold no raw HTML at all.
    expect(JSON.stringify(gfm.blocks)).not.toMatch(/Raw(Inline|Block)/);
  });
});

describe.runIf(hasPython)('code-point offsets, as Python reads them', () => {
  it('brat T lines, doccano spans and W3C positions slice the same text in Python', async () => {
    const script = join(await tempDir(), 'check.py');
    await writeFile(
      script,
      `import json, sys, glob, os
d = sys.argv[1]
n = 0
for ann in glob.glob(os.path.join(d['brat'], '*.ann')):
    text = open(ann[:-4] + '.txt', encoding='utf-8', newline='').read()
    for line in open(ann, encoding='utf-8'):
        if line.startswith('T'):
            tid, spans, quote = line.rstrip('\\n').split('\\t')
            frags = [tuple(map(int, s.split()[-2:])) for s in spans.split(';')]
            assert ' '.join(text[a:b] for a, b in frags) == quote, (ann, line); n += 1
for line in open(os.path.join(d['doccano'], 'marginalia.jsonl'), encoding='utf-8'):
    doc = json.loads(line)
    for a, b, label in doc['label']:
        assert 0 <= a < b <= len(doc['text']); n += 1
    by = {doc['id']: doc['text']}
    for f in glob.glob(os.path.join(d['w3c'], '*.jsonld')):
        c = json.load(open(f, encoding='utf-8'))
        for item in c.get('first', {}).get('items', []):
            src = item['target']['source'].split(':')[-1]
            if src in by:
                q, p = item['target']['selector']
                assert by[src][p['start']:p['end']] == q['exact'], (f, q, p); n += 1
print(n)
`.replace("sys.argv[1]", 'json.loads(sys.argv[1])'),
    );
    const r = run('python3', [script, JSON.stringify(out)]);
    expect(r.status, r.output).toBe(0);
    expect(Number(r.output.trim())).toBeGreaterThan(20);
  });
});

it('CSV quotes fields, neutralises formulas and starts with a BOM', async () => {
  const csv = await readFile(join(out.csv!, 'mentions.csv'), 'utf8');
  expect(csv.startsWith('\ufeffdocument_id,document,label,text,start,end,entity_id,entity,context\r\n')).toBe(true);
  expect(csv).toContain(',Annual address: `2024` | <b>draft</b>,Drug,Artemisinin,');
  expect(csv.split('\r\n').every((line) => !/^[=+\-@]|,[=+\-@]/.test(line))).toBe(true);
});
