import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTempDirs } from '../core/test-support/temp-dir';

/** `marginalia watch` and `marginalia rules` as users run them: the built CLI, real folders, real processes and signals. */
const ROOT = resolve(import.meta.dirname, '../../..');
const BIN = join(ROOT, 'bin/marginalia.mjs');
const tempDir = useTempDirs();
const env = { ...process.env, MARGINALIA_ARCHIVE: '' };

function cli(archive: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, '--archive', archive, ...args], { encoding: 'utf8', env });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Collects a child's output and answers once a pattern shows up in it; the timeout only stops a broken test from hanging. */
function output(child: ChildProcess) {
  let text = '';
  const waiters: { re: RegExp; resolve: (m: RegExpExecArray) => void }[] = [];
  const onData = (chunk: Buffer) => {
    text += chunk.toString();
    for (const w of [...waiters]) {
      const m = w.re.exec(text);
      if (m) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  return {
    get text() {
      return text;
    },
    waitFor: (re: RegExp, timeoutMs = 60_000) =>
      new Promise<RegExpExecArray>((resolveMatch, reject) => {
        const m = re.exec(text);
        if (m) return resolveMatch(m);
        const timer = setTimeout(() => reject(new Error(`no ${re} in:\n${text}`)), timeoutMs);
        waiters.push({ re, resolve: (found) => (clearTimeout(timer), resolveMatch(found)) });
      }),
  };
}

const exitOf = (child: ChildProcess) => new Promise<number | null>((r) => child.once('exit', (code) => r(code)));

beforeAll(() => {
  if (!existsSync(join(ROOT, 'out/main/cli.js'))) throw new Error('The CLI is not built: run `npm run build` before these tests (npm test does).');
});

describe('marginalia rules', () => {
  it('adds, lists and removes rules; refuses a bad regular expression with the reason', async () => {
    const archive = await tempDir();
    const added = cli(archive, 'rules', 'add', 'Weekly', 'weekly report', '--mode', 'all', '--tag', 'reports/weekly', '--collection', 'Reports');
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^added rule [a-z0-9]{12} {2}"Weekly": text all "weekly report" → tags reports\/weekly; collections Reports$/m);
    expect(cli(archive, 'rules', 'add', '周报', '工作周报', '--mode', 'phrase', '--tag', '周报', '--date', '2024-03-18').code).toBe(0);

    const bad = cli(archive, 'rules', 'add', 'Broken', '(a+', '--mode', 'regex', '--tag', 'x');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('marginalia: Rule "Broken": the regular expression is not valid: missing closing ): `(a+`.\n');
    expect(cli(archive, 'rules', 'add', 'Look', 'a(?=b)', '--mode', 'regex', '--tag', 'x').stderr).toMatch(/look-arounds and back-references are not supported/);
    expect(cli(archive, 'rules', 'add', 'Nothing', 'x').stderr).toMatch(/Rule "Nothing" assigns nothing/);
    expect(cli(archive, 'rules', 'add', 'M', 'x', '--mode', 'maybe', '--tag', 't').stderr).toMatch(/--mode is one of any, all, phrase, regex, fuzzy/);

    const list = JSON.parse(cli(archive, 'rules', 'list', '--json').stdout) as { name: string; mode: string; tags: string[]; collections: string[]; date?: string }[];
    expect(list).toMatchObject([
      { name: 'Weekly', mode: 'all', tags: ['reports/weekly'], collections: ['Reports'] },
      { name: '周报', mode: 'phrase', tags: ['周报'], date: '2024-03-18' },
    ]);
    expect(cli(archive, 'rules', 'list').stdout).toMatch(/^ID +NAME +FIELD +MODE +PATTERN +ASSIGNS$/m);

    expect(cli(archive, 'rules', 'remove', 'weekly').stdout).toMatch(/^removed rule [a-z0-9]{12} {2}"Weekly"$/m);
    expect(cli(archive, 'rules', 'remove', 'weekly').stderr).toMatch(/No rule with the id or name "weekly"/);
    expect((JSON.parse(cli(archive, 'rules', 'list', '--json').stdout) as unknown[]).length).toBe(1);
  });

  it('files imports by the rules, and previews then applies them over the library', async () => {
    const archive = await tempDir();
    const src = await tempDir('marginalia-src-');
    await writeFile(join(src, 'w12.txt'), 'Weekly report 12\n\nThe budget was approved.\n');
    await writeFile(join(src, 'other.txt'), 'Minutes\n\nNothing about money.\n');
    expect(cli(archive, 'import', src).code).toBe(0);

    cli(archive, 'rules', 'add', 'Budget', 'budget', '--tag', 'finance');
    const preview = cli(archive, 'rules', 'run');
    expect(preview.stdout).toMatch(/^[a-z0-9]{12} {2}"Weekly report 12" {2}tags \+finance {2}\("Budget"\)$/m);
    expect(preview.stdout).toMatch(/^1 document\(s\) would change; run again with --apply to apply$/m);
    expect(JSON.parse(cli(archive, 'list', '--json').stdout).length).toBe(2);

    expect(cli(archive, 'rules', 'run', '--apply').stdout).toMatch(/^1 document\(s\) changed$/m);
    expect(cli(archive, 'rules', 'run').stdout).toMatch(/^0 document\(s\) would change/m);

    await writeFile(join(src, 'w13.txt'), 'Weekly report 13\n\nA new budget line.\n');
    const imported = cli(archive, 'import', join(src, 'w13.txt'));
    expect(imported.stdout).toMatch(/imported +[a-z0-9]{12} +.*w13\.txt +"Weekly report 13" {2}filed by "Budget": tags finance$/m);
  });
});

describe('marginalia watch', () => {
  it('imports a dropped file, prints its line, files it by a rule, and stops cleanly on SIGINT and SIGTERM', async () => {
    const archive = await tempDir();
    const inbox = await tempDir('marginalia-inbox-');
    cli(archive, 'rules', 'add', 'Weekly', 'weekly', '--field', 'filename', '--tag', 'reports/weekly');

    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const child = spawn(process.execPath, [BIN, '--archive', archive, 'watch', inbox, '--settle', '0.3'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      const out = output(child);
      const exited = exitOf(child);
      await out.waitFor(/Press Ctrl\+C to stop\./);
      const name = `weekly-${signal}.txt`;
      await writeFile(join(inbox, name), `Report ${signal}\n\nText of the report.\n`);
      const line = await out.waitFor(new RegExp(`^imported +([a-z0-9]{12}) +(\\S*done/${name}) +"Report ${signal}" {2}filed by "Weekly": tags reports/weekly$`, 'm'));
      expect(line[2]).toBe(join(inbox, 'done', name));

      // A second writer is refused while watch holds the archive.
      expect(cli(archive, 'rules', 'add', 'X', 'x', '--tag', 'x').stderr).toMatch(/already open for writing by marginalia watch/);

      child.kill(signal);
      expect(await exited).toBe(0);
      expect(out.text).toMatch(/^1 imported, 0 duplicate, 0 failed$/m);
    }
    expect((await readdir(join(inbox, 'done'))).sort()).toEqual(['weekly-SIGINT.txt', 'weekly-SIGTERM.txt']);
    const docs = JSON.parse(cli(archive, 'list', '--json').stdout) as { title: string }[];
    expect(docs.map((d) => d.title).sort()).toEqual(['Report SIGINT', 'Report SIGTERM']);
  });

  it('reports an unsupported file on stderr and leaves it with its reason', async () => {
    const archive = await tempDir();
    const inbox = await tempDir('marginalia-inbox-');
    await writeFile(join(inbox, 'scan.xyz'), 'bytes');
    const child = spawn(process.execPath, [BIN, '--archive', archive, 'watch', inbox, '--settle', '0.3'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = output(child);
    const exited = exitOf(child);
    await out.waitFor(/^failed +.*scan\.xyz: unsupported file type \.xyz; Marginalia imports /m);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect((await readdir(inbox)).sort()).toEqual(['scan.xyz', 'scan.xyz.error.txt']);
  });
});

describe('marginalia serve --inbox', () => {
  it('watches the folder while serving and prints what it imports', async () => {
    const archive = await tempDir();
    const inbox = await tempDir('marginalia-inbox-');
    const child = spawn(process.execPath, [BIN, '--archive', archive, 'serve', '--port', '0', '--inbox', inbox], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = output(child);
    const exited = exitOf(child);
    await out.waitFor(/Marginalia is serving/);
    expect(out.text).toContain(`inbox: watching ${inbox}`);
    await writeFile(join(inbox, 'memo.txt'), 'Harbour memo\n\nText.\n');
    await out.waitFor(/^imported +[a-z0-9]{12} +\S*memo\.txt +"Harbour memo"$/m);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(await readdir(join(inbox, 'done'))).toEqual(['memo.txt']);
  });
});
