import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTempDirs } from '../core/test-support/temp-dir';

/** The real CLI as users run it: the built bundle, a real archive folder, real processes. */
const ROOT = resolve(import.meta.dirname, '../../..');
const BIN = join(ROOT, 'bin/marginalia.mjs');
const CORPUS = resolve(ROOT, '../shared/corpus');
const tempDir = useTempDirs();

function cli(archive: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, '--archive', archive, ...args], { encoding: 'utf8', env: { ...process.env, MARGINALIA_ARCHIVE: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function serverUrl(server: ChildProcessWithoutNullStreams | ReturnType<typeof spawn>): Promise<string> {
  return new Promise<string>((resolveUrl, reject) => {
    let out = '';
    server.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out);
      if (match) resolveUrl(match[1]!);
    });
    server.on('exit', (code) => reject(new Error(`serve exited ${code}`)));
  });
}

beforeAll(() => {
  if (!existsSync(join(ROOT, 'out/main/cli.js'))) throw new Error('The CLI is not built: run `npm run build` before these tests (npm test does).');
});

describe('marginalia CLI', () => {
  it('prints help naming every command', () => {
    const { code, stdout } = cli('/nonexistent', '--help');
    expect(code).toBe(0);
    for (const command of ['import', 'list', 'show', 'serve', 'start', '--archive']) expect(stdout).toContain(command);
  });

  it('imports files and folders with one line per file, reports failures and duplicates, exits non-zero on failure', async () => {
    const archive = await tempDir();
    const src = await tempDir('marginalia-src-');
    await mkdir(join(src, 'folder'));
    await writeFile(join(src, 'folder', 'a.txt'), 'Budget notice\n\nThe budget was approved.\n');
    await writeFile(join(src, 'folder', 'b.md'), '---\ntitle: Travel policy\n---\n\n# Ignored heading\n\nStaff travel rules.\n');
    await writeFile(join(src, 'broken.txt'), new Uint8Array([0, 1, 2, 0, 0, 0, 3]));

    const first = cli(archive, 'import', join(src, 'folder'), join(src, 'broken.txt'));
    expect(first.code).toBe(1);
    // Files are imported a few at a time: lines come in the order the files finish.
    expect(first.stdout).toMatch(/^\[[123]\/3\] imported +[a-z0-9]{12} +.*folder\/a\.txt +"Budget notice"$/m);
    expect(first.stdout).toMatch(/^\[[123]\/3\] imported +[a-z0-9]{12} +.*folder\/b\.md +"Travel policy"$/m);
    expect(first.stderr).toMatch(/^\[[123]\/3\] failed +.*broken\.txt: not a text file \(binary content\)$/m);
    expect(first.stdout).toMatch(/^2 imported, 0 duplicate, 1 failed$/m);

    const again = cli(archive, 'import', join(src, 'folder'));
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/duplicate +[a-z0-9]{12} +.*a\.txt +\(already in the archive as "Budget notice"\)/);
    expect(again.stdout).toMatch(/0 imported, 2 duplicate, 0 failed/);

    const list = cli(archive, 'list', '--json');
    expect(list.code).toBe(0);
    const docs = JSON.parse(list.stdout) as { id: string; title: string; type: string; size: number; importedAt: string }[];
    expect(docs.map((d) => d.title).sort()).toEqual(['Budget notice', 'Travel policy']);
    for (const doc of docs) expect(doc).toMatchObject({ id: expect.any(String), type: expect.stringMatching(/^(txt|md)$/), size: expect.any(Number), importedAt: expect.any(String) });

    const table = cli(archive, 'list');
    expect(table.stdout).toMatch(/^ID +TYPE +SIZE +IMPORTED +LANG +DATE +TITLE$/m);

    const id = docs.find((d) => d.title === 'Budget notice')!.id;
    const show = cli(archive, 'show', id, '--json');
    expect(JSON.parse(show.stdout)).toMatchObject({ id, title: 'Budget notice', text: expect.stringContaining('The budget was approved.') });
    expect(cli(archive, 'show', id).stdout).toMatch(/^Budget notice\n[\s\S]*The budget was approved\./);

    const missing = cli(archive, 'show', 'zzzzzzzzzzzz');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/No document with id zzzzzzzzzzzz/);
  });

  it('serves browser mode behind a token and refuses a second writer while it runs', async () => {
    const archive = await tempDir();
    const server = spawn(process.execPath, [BIN, '--archive', archive, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await serverUrl(server);
      const origin = new URL(url).origin;
      expect((await fetch(`${origin}/`)).status).toBe(401);
      const first = await fetch(url, { redirect: 'manual' });
      expect(first.status).toBe(200);
      expect(await first.text()).toContain(`<meta name="marginalia-api-token" content="${new URL(url).searchParams.get('token')}">`);

      const src = await tempDir('marginalia-src-');
      await writeFile(join(src, 'x.txt'), 'Some text.\n');
      const blocked = cli(archive, 'import', join(src, 'x.txt'));
      expect(blocked.code).toBe(2);
      expect(blocked.stderr).toMatch(/already open for writing by marginalia serve \(process \d+/);
      expect(cli(archive, 'list').code).toBe(0); // readers are welcome
    } finally {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    expect(existsSync(join(archive, 'archive.lock'))).toBe(false);
  });

  it('lists annotations made through the served API, comments as Markdown, after serve stopped', async () => {
    const archive = await tempDir();
    const src = await tempDir('marginalia-src-');
    await writeFile(join(src, 'address.txt'), 'New Year address\n\nWe thank the Guangzhou Institutes of Biomedicine and Health for a good year.\n');
    const imported = JSON.parse(cli(archive, 'import', join(src, 'address.txt'), '--json').stdout)[0];
    const docId = imported.doc.id as string;
    const server = spawn(process.execPath, [BIN, '--archive', archive, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await serverUrl(server);
      const token = new URL(url).searchParams.get('token')!;
      const call = async (method: string, body: unknown) => {
        const res = await fetch(`${new URL(url).origin}/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
        return (await res.json()) as { ok: boolean; value: { id: string; target: { start: number } } };
      };
      const text = JSON.parse(cli(archive, 'show', docId, '--json').stdout).text as string;
      const start = text.indexOf('Guangzhou Institutes');
      const created = await call('annotations.create', {
        docId,
        kind: 'highlight',
        start,
        end: start + 'Guangzhou Institutes of Biomedicine and Health'.length,
        color: 'green',
        comment: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'GIBH', marks: [{ type: 'bold' }] }, { type: 'text', text: ', part of CAS' }] }] },
      });
      expect(created.ok).toBe(true);
      const mention = (await call('mentions.create', { docId, start, end: start + 'Guangzhou Institutes of Biomedicine and Health'.length, label: 'ORG' })) as unknown as {
        ok: boolean;
        value: { entity: { id: string } };
      };
      expect(mention.ok).toBe(true);
      expect((await call('entities.update', { id: mention.value.entity.id, aliases: ['GIBH'] })).ok).toBe(true);
    } finally {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    const entities = cli(archive, 'entities', '--json');
    expect(JSON.parse(entities.stdout)).toEqual([
      { id: expect.any(String), entity: 'Guangzhou Institutes of Biomedicine and Health', label: 'ORG', aliases: ['GIBH'], mentions: 1, documents: 1 },
    ]);
    const listed = cli(archive, 'annotations', docId, '--json');
    expect(listed.code).toBe(0);
    const [annotation, entityMention] = JSON.parse(listed.stdout);
    expect(entityMention).toMatchObject({ kind: 'entity', label: 'ORG', quote: 'Guangzhou Institutes of Biomedicine and Health' });
    expect(annotation).toMatchObject({ kind: 'highlight', color: 'green', quote: 'Guangzhou Institutes of Biomedicine and Health', comment: '**GIBH**, part of CAS' });
    expect(annotation.end - annotation.start).toBe(annotation.quote.length);
    expect(cli(archive, 'annotations', docId).stdout).toMatch(/highlight green +\d+-\d+ +"Guangzhou Institutes of Biomedicine and Health"\n +\*\*GIBH\*\*, part of CAS/);
  });

  it.runIf(existsSync(join(ROOT, 'fixtures/report-gb18030.txt')))('imports a GB18030 Chinese text with the right characters', async () => {
    const archive = await tempDir();
    const result = cli(archive, 'import', join(ROOT, 'fixtures/report-gb18030.txt'), '--json');
    expect(result.code).toBe(0);
    const [outcome] = JSON.parse(result.stdout);
    const shown = JSON.parse(cli(archive, 'show', outcome.doc.id, '--json').stdout);
    expect(shown.encoding).toBe('gb18030');
    expect(shown.text).toContain('广州生物医药与健康研究院');
  });
});

describe.runIf(existsSync(CORPUS))('marginalia CLI over ../shared/corpus', () => {
  it('imports both seed documents with sensible titles, then reports them as duplicates', async () => {
    const archive = await tempDir();
    const first = cli(archive, 'import', join(CORPUS, 'seeds'));
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/000_4163815d0e4185b9\.txt +"A new chapter in history has begun/);
    expect(first.stdout).toMatch(/002_ec3a256f357b860c\.txt +"Find out how Guangzhou can stay in the “first echelon” of biomedicine"/);
    const again = cli(archive, 'import', join(CORPUS, 'seeds'));
    expect(again.stdout).toMatch(/0 imported, 2 duplicate, 0 failed/);
  });

  it('imports the whole corpus, refusing only the broken files with their reasons, and finds words from it', async () => {
    const archive = await tempDir();
    const result = cli(archive, 'import', '--separate', CORPUS);
    // stderr also follows OCR of the scan (testOCR.pdf) page by page: the failures are the lines that say so.
    const failures = result.stderr.trim().split('\n').filter((line) => / failed /.test(line));
    expect(failures).toHaveLength(3);
    expect(failures).toEqual(expect.arrayContaining([
      expect.stringMatching(/testWORD_protected_passtika\.docx: password-protected DOCX/),
      expect.stringMatching(/testWORD_truncated\.docx: corrupt DOCX/),
      expect.stringMatching(/tracemonkey-truncated-400000\.pdf: corrupt or truncated PDF/),
    ]));
    expect(result.stdout).toMatch(/\b19 imported, 0 duplicate, 3 failed/);
    expect(result.stdout).toMatch(/ocr \w+ testOCR: 1 page read/);
    const search = (q: string) => JSON.parse(cli(archive, 'search', q, '--json').stdout) as { title: string; snippet: string }[];
    expect(search('adalimumab')[0]?.title).toMatch(/first echelon/);
    expect(search('"trace trees"')[0]?.title).toMatch(/Trace-based Just-in-Time/);
    expect(search('维护者').map((h) => h.title)).toContain('Debian 新维护者手册');
    expect(search('基金会').map((h) => h.title)).toContain('1.2. 基金会文档');
    expect(search('dfsg')[0]?.snippet).toMatch(/DFSG/);
  }, 300_000); // PDFs go through a sandboxed child process each: slow on a busy 2-core machine
});
