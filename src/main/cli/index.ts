import { Command, InvalidArgumentError } from 'commander';
import { version } from '../../../package.json';
import { ApiError } from '../../shared/api';
import { EXPORT_FORMATS } from '../../shared/export';
import { DEFAULT_IMPORT_LIMITS, IMPORT_LIMIT_RANGE } from '../../shared/model';
import { defaultArchiveDir } from '../core/paths';
import { annotationsCommand, entitiesCommand, importCommand, listCommand, searchCommand, showCommand, type Output } from './commands';
import { backupCommand, exportCommand, importAnnotationsCommand, restoreCommand } from './export-commands';
import { ocrCommand } from './ocr-commands';
import { serveCommand } from './serve';
import { parseLanguages } from '../core/ocr/languages';
import { startCommand } from './start';

// `marginalia list | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const io: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

const limitParser = (name: keyof typeof IMPORT_LIMIT_RANGE) => (value: string): number => {
  const [min, max] = IMPORT_LIMIT_RANGE[name];
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`a whole number from ${min} to ${max}`);
  return n;
};

const ocrModeParser = (value: string): 'auto' | 'off' | 'force' => {
  if (value === 'auto' || value === 'off' || value === 'force') return value;
  throw new InvalidArgumentError('auto, off or force');
};

const ocrLanguagesParser = (value: string): string => {
  try {
    return parseLanguages(value).join('+');
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
};

const parsePort = (value: string): number => {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('a port is a whole number from 0 to 65535');
  return port;
};

/** Thin: parse arguments, call a command, exit with its code. */
async function run(action: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await action();
  } catch (error) {
    io.err(`marginalia: ${error instanceof ApiError || error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  }
}

const program = new Command()
  .name('marginalia')
  .description('Archive, read and annotate institutional documents offline.')
  .version(version)
  .option('--archive <dir>', 'the archive folder (default: $MARGINALIA_ARCHIVE, else the desktop app\'s archive)', defaultArchiveDir())
  .showHelpAfterError();

const archiveDir = () => program.opts<{ archive: string }>().archive;

program
  .command('import')
  .description('import files and folders (recursively); one line per file as soon as it is stored')
  .argument('<paths...>', 'files or folders')
  .option('--json', 'print the outcomes as JSON')
  .option('--as-version-of <id>', 'store the file as a new version of this document; its annotations are re-anchored')
  .option('--separate', 'store files as new documents even where one looks like a new version of a known document')
  .option('--password <password>', 'password for encrypted PDFs')
  .option('--max-file-mb <n>', `refuse larger files (default: the archive's setting, else ${DEFAULT_IMPORT_LIMITS.maxFileMb})`, limitParser('maxFileMb'))
  .option('--timeout <seconds>', `stop reading a file after this long (default: the archive's setting, else ${DEFAULT_IMPORT_LIMITS.timeoutSeconds})`, limitParser('timeoutSeconds'))
  .option('--ocr <mode>', "OCR of scanned PDF pages: auto (pages without text), off, force (every page); default: the archive's setting, else auto", ocrModeParser)
  .option('--ocr-lang <languages>', "OCR languages joined by +, e.g. chi_sim+eng (default: the archive's setting, else chi_sim+eng)", ocrLanguagesParser)
  .action(
    (
      paths: string[],
      opts: { json?: boolean; asVersionOf?: string; separate?: boolean; password?: string; maxFileMb?: number; timeout?: number; ocr?: 'auto' | 'off' | 'force'; ocrLang?: string },
    ) => {
      const limits = { ...(opts.maxFileMb ? { maxFileMb: opts.maxFileMb } : {}), ...(opts.timeout ? { timeoutSeconds: opts.timeout } : {}) };
      const ocr = { ...(opts.ocr ? { ocr: opts.ocr } : {}), ...(opts.ocrLang ? { ocrLanguages: opts.ocrLang } : {}) };
      return run(() => importCommand(archiveDir(), paths, !!opts.json, io, { asVersionOf: opts.asVersionOf, separate: opts.separate, password: opts.password, limits, ...ocr }));
    },
  );

program
  .command('ocr')
  .description('read the pages of PDFs that have no usable text with OCR (offline), and wait for it; the text becomes searchable')
  .argument('<ids...>', 'document ids (see list)')
  .option('--force', 'read every page, also those with a text layer')
  .option('--lang <languages>', "OCR languages joined by +, e.g. chi_sim+eng (default: the archive's setting)", ocrLanguagesParser)
  .action((ids: string[], opts: { force?: boolean; lang?: string }) => run(() => ocrCommand(archiveDir(), ids, { ...(opts.force ? { force: true } : {}), ...(opts.lang ? { languages: opts.lang } : {}) }, io)));

program
  .command('list')
  .description('list the documents in the archive')
  .option('--json', 'print JSON')
  .action((opts: { json?: boolean }) => run(() => listCommand(archiveDir(), !!opts.json, io)));

program
  .command('show')
  .description("show a document's metadata and text")
  .argument('<id>', 'document id (see list)')
  .option('--json', 'print JSON')
  .action((id: string, opts: { json?: boolean }) => run(() => showCommand(archiveDir(), id, !!opts.json, io)));

program
  .command('search')
  .description('full-text search (English and Chinese): words are ANDed, "quoted phrases", prefix*, -exclude')
  .argument('<query...>', 'what to find')
  .option('--json', 'print JSON (id, title, score, snippet)')
  .option('--limit <n>', 'at most this many results', (v) => Math.max(1, Math.min(500, Number.parseInt(v, 10) || 20)), 20)
  .action((query: string[], opts: { json?: boolean; limit: number }) => run(() => searchCommand(archiveDir(), query.join(' '), { json: !!opts.json, limit: opts.limit }, io)));

program
  .command('annotations')
  .description("list a document's annotations (comments as Markdown)")
  .argument('<id>', 'document id (see list)')
  .option('--json', 'print JSON')
  .action((id: string, opts: { json?: boolean }) => run(() => annotationsCommand(archiveDir(), id, !!opts.json, io)));

program
  .command('entities')
  .description('list the entity registry: entity, label, aliases, mention and document counts')
  .option('--json', 'print JSON')
  .action((opts: { json?: boolean }) => run(() => entitiesCommand(archiveDir(), !!opts.json, io)));

program
  .command('export')
  .description(`export documents with their annotations: ${EXPORT_FORMATS.join(', ')}`)
  .argument('<format>', EXPORT_FORMATS.join(' | '))
  .argument('<folder>', 'an empty or new folder (one file per document, plus an index)')
  .option('--id <id...>', 'only these documents (default: the whole archive)')
  .option('--overwrite', 'write into a folder that is not empty')
  .option('--json', 'print a JSON summary')
  .action((format: string, folder: string, opts: { id?: string[]; overwrite?: boolean; json?: boolean }) =>
    run(() => exportCommand(archiveDir(), format, folder, { ids: opts.id, overwrite: opts.overwrite, json: opts.json }, io)),
  );

program
  .command('import-annotations')
  .description('import annotations from doccano .jsonl, brat .ann (+ .txt) or W3C .json into documents whose text matches')
  .argument('<paths...>', 'files or folders')
  .option('--json', 'print the reports as JSON')
  .action((paths: string[], opts: { json?: boolean }) => run(() => importAnnotationsCommand(archiveDir(), paths, { json: opts.json }, io)));

program
  .command('backup')
  .description('back up the whole archive into one zip with a manifest of checksums')
  .argument('<file>', 'the zip to write (outside the archive)')
  .option('--json', 'print JSON')
  .action((file: string, opts: { json?: boolean }) => run(() => backupCommand(archiveDir(), file, version, { json: opts.json }, io)));

program
  .command('restore')
  .description('restore a backup zip into an empty folder, verifying every checksum')
  .argument('<file>', 'the backup zip')
  .argument('<folder>', 'an empty or new folder')
  .option('--json', 'print JSON')
  .action((file: string, folder: string, opts: { json?: boolean }) => run(() => restoreCommand(file, folder, { json: opts.json }, io)));

program
  .command('serve')
  .description('serve the app in browser mode on 127.0.0.1, behind a token printed in the URL')
  .option('--port <n>', 'port (default: a free one)', parsePort)
  .action((opts: { port?: number }) => run(() => serveCommand({ archiveDir: archiveDir(), port: opts.port }, io)));

program
  .command('start')
  .description('open the desktop app; where Electron cannot run, serve browser mode instead')
  .option('--port <n>', 'port for browser mode', parsePort)
  .action((opts: { port?: number }) => run(() => startCommand(archiveDir(), opts.port, io)));

await program.parseAsync(process.argv);
