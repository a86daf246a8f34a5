import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dir';
import { DEFAULT_LIMITS, extractRawPdf, pdfjsFolder, pdfWorkerCommand, pdfWorkerPool, sandboxedNodeCommand, stopPdfWorkers } from './pdf-process';
import { PdfWorkerPool } from './pdf-worker-pool';
import { ImportError } from './types';

const FIXTURES = fileURLToPath(new URL('../../../../fixtures/', import.meta.url));
const bytes = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, name)));
const ONE_PROCESS = { processes: 1, idleMs: 5_000, filesPerProcess: 100 };
const onLinux = process.platform === 'linux';
const tempDir = useTempDirs();

/** What one file comes to: the start of its first page, or the code and reason it failed with. */
async function outcome(pool: PdfWorkerPool, pdf: Uint8Array, password?: string): Promise<string> {
  try {
    const raw = await extractRawPdf(pdf, password, pool);
    return raw.pages[0]!.items.map((item) => item[0]).join('').slice(0, 26);
  } catch (error) {
    if (error instanceof ImportError) return `${error.code}: ${error.message}`;
    throw error;
  }
}

const TWO_COLUMN = 'A Paper Set in Two Columns';
const CHINESE = '通知本院定于下周举办读书俱乐部活动，欢迎各位同事参加。第二段文字在这里。'.slice(0, 26);

/** Live processes started by this one that run pdf-worker.mjs. */
function workerChildren(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const ppid = Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
        return ppid === process.pid && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('pdf-worker.mjs');
      } catch {
        return false; // ended while we looked
      }
    })
    .map(Number);
}

describe('PdfWorkerPool', () => {
  it('reads many PDFs, one after another, in one process', { timeout: 60_000 }, async () => {
    const pool = pdfWorkerPool(DEFAULT_LIMITS, ONE_PROCESS);
    const files: [string, string | undefined][] = [
      ['pdf-two-column.pdf', undefined],
      ['pdf-chinese.pdf', undefined],
      ['pdf-encrypted-user-password.pdf', undefined],
      ['pdf-encrypted-user-password.pdf', 'guess'],
      ['pdf-encrypted-user-password.pdf', 'secret'],
      ['pdf-truncated.pdf', undefined],
      ['pdf-encrypted-no-user-password.pdf', undefined],
    ];
    try {
      const results: string[] = [];
      const pids = new Set<number>();
      for (let round = 0; round < 3; round++) {
        for (const [name, password] of files) {
          results.push(await outcome(pool, bytes(name), password));
          pool.pids.forEach((pid) => pids.add(pid));
        }
      }
      const once = results.slice(0, files.length);
      expect(once).toEqual([
        TWO_COLUMN,
        CHINESE,
        'password_required: password required',
        'password_wrong: wrong password',
        TWO_COLUMN,
        'unreadable: corrupt or truncated PDF: Invalid PDF structure.',
        TWO_COLUMN,
      ]);
      expect(results).toEqual([...once, ...once, ...once]);
      expect(pool.processesStarted).toBe(1);
      expect(pids.size).toBe(1);
    } finally {
      await pool.stop();
    }
  });

  it('reads files waiting in the queue in as many processes as it may start', { timeout: 60_000 }, async () => {
    const pool = pdfWorkerPool(DEFAULT_LIMITS, { ...ONE_PROCESS, processes: 2 });
    try {
      const results = await Promise.all(Array.from({ length: 10 }, () => outcome(pool, bytes('pdf-chinese.pdf'))));
      expect(results).toEqual(Array.from({ length: 10 }, () => CHINESE));
      expect(pool.processesStarted).toBe(2);
    } finally {
      await pool.stop();
    }
  });

  it('replaces a process after its share of files', { timeout: 60_000 }, async () => {
    const pool = pdfWorkerPool(DEFAULT_LIMITS, { ...ONE_PROCESS, filesPerProcess: 2 });
    try {
      for (let i = 0; i < 5; i++) expect(await outcome(pool, bytes('pdf-chinese.pdf'))).toBe(CHINESE);
      expect(pool.processesStarted).toBe(3);
    } finally {
      await pool.stop();
    }
  });

  it('fails a file whose text is over the output limit, and reads the next one', { timeout: 60_000 }, async () => {
    const pool = pdfWorkerPool({ ...DEFAULT_LIMITS, maxOutputBytes: 1_000 }, ONE_PROCESS);
    try {
      expect(await outcome(pool, bytes('pdf-two-column.pdf'))).toBe('unreadable: PDF has more text than the importer accepts');
      expect((await extractRawPdf(bytes('pdf-no-text.pdf'), undefined, pool)).pages).toHaveLength(1);
      expect(pool.processesStarted).toBe(2);
    } finally {
      await pool.stop();
    }
  });

  it.runIf(onLinux)('fails a file that its fresh process dies under, and only that file', { timeout: 60_000 }, async () => {
    const pool = pdfWorkerPool(DEFAULT_LIMITS, ONE_PROCESS);
    try {
      const reading = outcome(pool, bytes('pdf-two-column.pdf'));
      process.kill(pool.pids[0]!, 'SIGKILL');
      expect(await reading).toBe('unreadable: PDF reader failed (killed by SIGKILL): ');
      expect(await outcome(pool, bytes('pdf-chinese.pdf'))).toBe(CHINESE);
      expect(pool.processesStarted).toBe(2);
    } finally {
      await pool.stop();
    }
  });

  it.runIf(onLinux)('reads a file again in a fresh process when a process that read others dies under it', { timeout: 60_000 }, async () => {
    const pool = pdfWorkerPool(DEFAULT_LIMITS, ONE_PROCESS);
    try {
      expect(await outcome(pool, bytes('pdf-chinese.pdf'))).toBe(CHINESE);
      const reading = outcome(pool, bytes('pdf-two-column.pdf'));
      process.kill(pool.pids[0]!, 'SIGKILL');
      expect(await reading).toBe(TWO_COLUMN);
      expect(pool.processesStarted).toBe(2);
    } finally {
      await pool.stop();
    }
  });

  it.runIf(onLinux)('runs the worker under the permission model, reading pdfjs-dist, its script and the framing it imports only, with an empty environment', async () => {
    const pool = pdfWorkerPool(DEFAULT_LIMITS, ONE_PROCESS);
    try {
      await outcome(pool, bytes('pdf-chinese.pdf'));
      const [pid] = pool.pids;
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
      const { command, args } = pdfWorkerCommand(DEFAULT_LIMITS);
      expect(argv).toEqual([command, ...args]);
      expect(argv.filter((a) => a.startsWith('--allow'))).toEqual([`--allow-fs-read=${pdfjsFolder()}`, `--allow-fs-read=${join(dirname(args.at(-2)!), 'sandbox-frames.mjs')}`, `--allow-fs-read=${args.at(-2)}`]);
      expect(argv[1]).toMatch(/^--(experimental-)?permission$/);
      expect(readFileSync(`/proc/${pid}/environ`, 'utf8')).toBe('');
    } finally {
      await pool.stop();
    }
  });

  it('keeps the sandbox on a process that serves many files: no reads outside the allow list, no writes', async () => {
    const dir = await tempDir('marginalia-pdf-pool-');
    const secret = join(dir, 'earlier.pdf');
    writeFileSync(secret, '%PDF-1.7 another document');
    const probe = join(dir, 'probe.mjs');
    // Speaks the worker's protocol: answers each file with what it was allowed to do.
    writeFileSync(
      probe,
      `import fs from 'node:fs';
const tries = {
  readPdfjs: () => fs.readFileSync(${JSON.stringify(join(pdfjsFolder(), 'package.json'))}),
  readOtherFile: () => fs.readFileSync(${JSON.stringify(secret)}),
  readEtc: () => fs.readFileSync('/etc/hostname'),
  list: () => fs.readdirSync(${JSON.stringify(dir)}),
  write: () => fs.writeFileSync(${JSON.stringify(join(dir, 'out.txt'))}, 'x'),
  spawn: () => process.getBuiltinModule('node:child_process').execSync('true'),
};
// One answer per whole request (header length, header, data length, data): a file's bytes
// may come in several chunks, and answering each chunk would be several answers.
let buffered = Buffer.alloc(0);
process.stdin.on('data', (chunk) => {
  buffered = Buffer.concat([buffered, chunk]);
  for (;;) {
    if (buffered.length < 4) return;
    const headerEnd = 4 + buffered.readUInt32BE(0);
    if (buffered.length < headerEnd + 4) return;
    const end = headerEnd + 4 + buffered.readUInt32BE(headerEnd);
    if (buffered.length < end) return;
    buffered = buffered.subarray(end);
    const result = {};
    for (const [name, attempt] of Object.entries(tries)) {
      try { attempt(); result[name] = 'allowed'; } catch (e) { result[name] = e.code ?? String(e); }
    }
    // An answer frame as sandbox-frames.mjs writes it: total length, JSON length, JSON.
    const json = Buffer.from(JSON.stringify(result));
    const lengths = Buffer.alloc(8);
    lengths.writeUInt32BE(4 + json.length, 0);
    lengths.writeUInt32BE(json.length, 4);
    process.stdout.write(Buffer.concat([lengths, json]));
  }
});`,
    );
    const pool = new PdfWorkerPool(() => sandboxedNodeCommand(probe, [pdfjsFolder()], [], 64), DEFAULT_LIMITS, ONE_PROCESS);
    try {
      const denied = 'ERR_ACCESS_DENIED';
      const expected = { readPdfjs: 'allowed', readOtherFile: denied, readEtc: denied, list: denied, write: denied, spawn: denied };
      expect(JSON.parse(await pool.read(bytes('pdf-chinese.pdf'), undefined))).toEqual(expected);
      expect(JSON.parse(await pool.read(bytes('pdf-chinese.pdf'), undefined))).toEqual(expected);
      expect(pool.processesStarted).toBe(1);
      expect(readdirSync(dir).sort()).toEqual(['earlier.pdf', 'probe.mjs']);
    } finally {
      await pool.stop();
    }
  });

  it('lets a CLI exit while its worker is idle', { timeout: 60_000 }, async () => {
    const dir = await tempDir('marginalia-pdf-cli-');
    const script = join(dir, 'cli.mts');
    const processModule = fileURLToPath(new URL('./pdf-process.ts', import.meta.url));
    // An idle time far beyond the spawn timeout: only unref'd handles let this process end.
    writeFileSync(
      script,
      `import { readFileSync } from 'node:fs';
import { extractRawPdf, pdfWorkerPool } from ${JSON.stringify(processModule)};
const pool = pdfWorkerPool(undefined, { processes: 1, idleMs: 600_000, filesPerProcess: 100 });
const raw = await extractRawPdf(new Uint8Array(readFileSync(${JSON.stringify(join(FIXTURES, 'pdf-two-column.pdf'))})), undefined, pool);
process.stdout.write(String(raw.pages.length));`,
    );
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: fileURLToPath(new URL('../../../../', import.meta.url)), encoding: 'utf8', timeout: 45_000 });
    expect([run.status, run.stdout, run.stderr]).toEqual([0, '2', '']);
  });

  it.runIf(onLinux)('stopPdfWorkers ends the shared workers; the next PDF starts a new one', { timeout: 60_000 }, async () => {
    expect((await extractRawPdf(bytes('pdf-chinese.pdf'), undefined)).pages).toHaveLength(1);
    expect(workerChildren()).toHaveLength(1);
    await stopPdfWorkers();
    expect(workerChildren()).toEqual([]);
    expect((await extractRawPdf(bytes('pdf-chinese.pdf'), undefined)).pages).toHaveLength(1);
    await stopPdfWorkers();
    expect(workerChildren()).toEqual([]);
  });
});
