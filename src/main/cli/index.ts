import { Command, InvalidArgumentError, Option } from 'commander';
import { version } from '../../../package.json';
import { ApiError } from '../../shared/api';
import { EXPORT_FORMATS } from '../../shared/export/types';
import { DEFAULT_IMPORT_LIMITS, GOLD_LAYER, IMPORT_LIMIT_RANGE, LAYER_NAME_PATTERN, RULE_FIELDS, RULE_MODES } from '../../shared/model';
import { diskFailureSentence } from '../core/fs-errors';
import { defaultArchiveDir } from '../core/paths';
import { annotationsCommand, entitiesCommand, importCommand, listCommand, reindexCommand, repairsCommand, searchCommand, showCommand, type Output } from './commands';
import { agreementCommand } from './agreement-command';
import { backupCommand, exportCommand, importAnnotationsCommand, restoreCommand } from './export-commands';
import { labelsCommand } from './labels-command';
import { printable, terminalSafe } from './format';
import { rulesAddCommand, rulesListCommand, rulesRemoveCommand, rulesRunCommand, watchCommand } from './inbox-commands';
import { ocrCommand } from './ocr-commands';
import { serveCommand } from './serve';
import { parseLanguages } from '../core/ocr/languages';
import { deleteCommand, entityDeleteCommand, trashEmptyCommand, trashListCommand, trashRestoreCommand } from './trash-commands';
import { suggestCommand } from './suggest-command';
import { startCommand } from './start';
import { unlockCommand } from './unlock';
import { registerServerCommands, registerSyncCommands } from './team-commands';

// `marginalia list | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const io: Output = {
  out: (line) => process.stdout.write(`${terminalSafe(line)}\n`),
  err: (line) => process.stderr.write(`${terminalSafe(line)}\n`),
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

const layerParser = (value: string): string => {
  if (!LAYER_NAME_PATTERN.test(value.trim())) throw new InvalidArgumentError('a layer name is letters, digits, space, . _ @ or -, at most 64');
  return value.trim();
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
    const full = diskFailureSentence(error, 'the change this command was making');
    io.err(`marginalia: ${printable(full ?? (error instanceof ApiError || error instanceof Error ? error.message : String(error)))}`);
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
  .description(
    "list a document's annotations (comments as Markdown); start and end count code points, as every export does. On a PDF each gives its page (1-based) and rectangles in PDF points",
  )
  .argument('<id>', 'document id (see list)')
  .option('--json', 'print JSON: id, kind, start, end (code points), quote, page and rects (PDFs), ...')
  .action((id: string, opts: { json?: boolean }) => run(() => annotationsCommand(archiveDir(), id, !!opts.json, io)));

program
  .command('reindex')
  .description('build what is derived from the originals of PDFs and is missing or old (page maps for the page view and page numbers); one line per document')
  .argument('[ids...]', 'document ids (default: every PDF)')
  .option('--force', 'rebuild even maps that are up to date')
  .option('--json', 'print JSON')
  .action((ids: string[], opts: { force?: boolean; json?: boolean }) => run(() => reindexCommand(archiveDir(), ids, { force: !!opts.force, json: !!opts.json }, io)));

program
  .command('repairs')
  .description('list the files the archive set aside or rebuilt (damaged), dismiss one, or restore its good copy')
  .argument('[action]', 'list | dismiss | restore', 'list')
  .argument('[id]', 'the repair (see the list)')
  .option('--json', 'print JSON')
  .action((action: string, id: string | undefined, opts: { json?: boolean }) => run(() => repairsCommand(archiveDir(), action, id, !!opts.json, io)));

const entities = program
  .command('entities')
  .description('list the entity registry: entity, label, aliases, mention and document counts (entities delete ID: delete one)')
  .option('--json', 'print JSON')
  .action((opts: { json?: boolean }) => run(() => entitiesCommand(archiveDir(), !!opts.json, io)));

entities
  .command('delete')
  .description("delete an entity from the registry; its mentions are removed, or kept with their label and no entity")
  .argument('<id>', 'entity id (see entities)')
  .addOption(new Option('--mentions <what>', 'remove: delete its mentions; unlink: keep them as mentions without an entity').choices(['remove', 'unlink']).makeOptionMandatory())
  .option('--json', 'print JSON')
  .action((id: string, opts: { mentions: 'remove' | 'unlink'; json?: boolean }) => run(() => entityDeleteCommand(archiveDir(), id, { ...opts, json: !!(opts.json || entities.opts<{ json?: boolean }>().json) }, io)));

program
  .command('delete')
  .description('move documents to the trash, with their annotations and notes (marginalia trash restore brings them back)')
  .argument('<ids...>', 'document ids (see list)')
  .option('--json', 'print JSON')
  .action((ids: string[], opts: { json?: boolean }) => run(() => deleteCommand(archiveDir(), ids, opts, io)));

const trash = program.command('trash').description('deleted documents: list, restore, empty');

trash
  .command('list')
  .description('list the documents in the trash')
  .option('--json', 'print JSON')
  .action((opts: { json?: boolean }) => run(() => trashListCommand(archiveDir(), opts, io)));

trash
  .command('restore')
  .description('bring documents back from the trash with everything they carried')
  .argument('<ids...>', 'document ids (see trash list)')
  .option('--json', 'print JSON')
  .action((ids: string[], opts: { json?: boolean }) => run(() => trashRestoreCommand(archiveDir(), ids, opts, io)));

trash
  .command('empty')
  .description('remove every document in the trash for good (asks on a terminal; --yes elsewhere)')
  .option('--yes', 'do not ask')
  .option('--json', 'print JSON')
  .action((opts: { yes?: boolean; json?: boolean }) => run(() => trashEmptyCommand(archiveDir(), opts, io)));

program
  .command('suggest')
  .description('list the entities suggested for a document: start, end (code points), text, label, source')
  .argument('<id>', 'document id (see list)')
  .option('--json', 'print JSON')
  .action((id: string, opts: { json?: boolean }) => run(() => suggestCommand(archiveDir(), id, !!opts.json, io)));

program
  .command('export')
  .description(`export documents with their annotations: ${EXPORT_FORMATS.join(', ')}`)
  .argument('<format>', EXPORT_FORMATS.join(' | '))
  .argument('<folder>', 'an empty or new folder (one file per document, plus an index)')
  .option('--id <id...>', 'only these documents (default: the whole archive)')
  .option('--overwrite', 'write into a folder that is not empty')
  .option('--json', 'print a JSON summary')
  .option('--layer <name>', `only this layer's annotations: an annotator's, or ${GOLD_LAYER} (default: every layer)`, layerParser)
  .action((format: string, folder: string, opts: { id?: string[]; overwrite?: boolean; json?: boolean; layer?: string }) =>
    run(() => exportCommand(archiveDir(), format, folder, { ids: opts.id, overwrite: opts.overwrite, json: opts.json, layer: opts.layer }, io)),
  );

program
  .command('import-annotations')
  .description(
    'import annotations from brat .ann (+ .txt, annotation.conf), doccano .jsonl, CoNLL .conll, Label Studio .json or W3C .json; a text that came with them and that no document holds becomes a new document, stored exactly as given. Offsets count code points',
  )
  .argument('<paths...>', 'files or folders')
  .option('--json', 'print the reports as JSON')
  .option('--layer <name>', "the layer they go into: the annotator whose file this is (default: your own)", layerParser)
  .option('--author <name>', 'the same as --layer', layerParser)
  .option('--map <pairs>', 'incoming labels and relation types onto the archive\'s, e.g. PER=PERSON,LOC=LOCATION')
  .option('--no-create-labels', 'skip mentions whose label the archive lacks instead of creating the label')
  .option('--no-create-documents', 'skip annotations whose text no document holds instead of creating the document')
  .action((paths: string[], opts: { json?: boolean; layer?: string; author?: string; map?: string; createLabels?: boolean; createDocuments?: boolean }) =>
    run(() =>
      importAnnotationsCommand(
        archiveDir(),
        paths,
        { json: opts.json, layer: opts.layer ?? opts.author, map: opts.map, createLabels: opts.createLabels !== false, createDocuments: opts.createDocuments !== false },
        io,
      ),
    ),
  );

program
  .command('agreement')
  .description("agreement between annotators' layers: Cohen's kappa, Krippendorff's alpha (token labels), span and relation F1 (exact, overlap), per label, relation type and document")
  .option('--doc <id...>', 'only these documents (default: every document two or more layers annotated)')
  .option('--layers <names>', `the layers to compare, comma-separated (default: every layer but ${GOLD_LAYER})`, (value: string) => value.split(',').map(layerParser))
  .option('--json', 'print the report as JSON')
  .action((opts: { doc?: string[]; layers?: string[]; json?: boolean }) => run(() => agreementCommand(archiveDir(), { ids: opts.doc, layers: opts.layers, json: opts.json }, io)));

program
  .command('labels')
  .description('the label set: list, add a label, remove one (its mentions deleted or moved with --to), or import the entity and relation types of a brat annotation.conf (and visual.conf beside it)')
  .argument('[action]', 'list | add | remove | import', 'list')
  .argument('[args...]', 'add: ID [NAME]; remove: ID; import: annotation.conf')
  .option('--color <hex>', 'add: the colour, #rrggbb (default: one not in use)')
  .option('--to <label>', 'remove: move its mentions to this label instead of deleting them')
  .option('--json', 'print JSON')
  .action((action: string, args: string[], opts: { color?: string; to?: string; json?: boolean }) => run(() => labelsCommand(archiveDir(), action, args, opts, io)));

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
  .option('--partial', 'restore a damaged backup as far as it goes, listing what is missing or differs (exit code 1)')
  .action((file: string, folder: string, opts: { json?: boolean; partial?: boolean }) => run(() => restoreCommand(file, folder, { json: opts.json, partial: opts.partial }, io)));

const oneOf = (name: string, choices: readonly string[]) => (value: string) => {
  if (!choices.includes(value)) throw new InvalidArgumentError(`${name} is one of ${choices.join(', ')}`);
  return value;
};

/** Resolves on the first SIGINT or SIGTERM: long-running commands stop cleanly on either. */
const stopSignal = () =>
  new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });

program
  .command('watch')
  .description('watch a folder (recursively): files are imported once they stop growing and moved to its done/ subfolder; failures stay with <file>.error.txt')
  .argument('<dir>', 'the inbox folder')
  .option('--leave', 'leave imported files in place (remembered, never imported twice) instead of moving them to done/')
  .option('--settle <seconds>', 'how long a file must stay unchanged before it is read (default 2)', (v) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0.1 || n > 3600) throw new InvalidArgumentError('a number of seconds from 0.1 to 3600');
    return n;
  })
  .action((dir: string, opts: { leave?: boolean; settle?: number }) =>
    run(() => watchCommand(archiveDir(), dir, { after: opts.leave ? 'leave' : 'move', stopSignal: stopSignal(), ...(opts.settle ? { settleMs: opts.settle * 1000 } : {}) }, io)),
  );

const rules = program.command('rules').description('filing rules: tags, collections and a date for the documents that match, applied to every import');

rules
  .command('list')
  .description('list the rules, in the order they apply')
  .option('--json', 'print JSON')
  .action((opts: { json?: boolean }) => run(() => rulesListCommand(archiveDir(), !!opts.json, io)));

rules
  .command('add')
  .description('add a rule (a regular expression is checked at once and refused with the reason)')
  .argument('<name>', 'a name for the rule')
  .argument('<pattern>', 'the words, phrase or regular expression to match')
  .option('--field <field>', `what to match: ${RULE_FIELDS.join(' | ')}`, oneOf('--field', RULE_FIELDS), 'text')
  .option('--mode <mode>', `how: ${RULE_MODES.join(' | ')} (any word, all words, exact phrase, RE2 regular expression, fuzzy)`, oneOf('--mode', RULE_MODES), 'any')
  .option('--tag <tag...>', 'tags to add')
  .option('--collection <name...>', 'collections to put the document in (created when missing)')
  .option('--date <YYYY-MM-DD>', "set the document's date")
  .option('--disabled', 'add it switched off')
  .option('--json', 'print the rule as JSON')
  .action((name: string, pattern: string, opts: Parameters<typeof rulesAddCommand>[3]) => run(() => rulesAddCommand(archiveDir(), name, pattern, opts, io)));

rules
  .command('remove')
  .description('remove a rule')
  .argument('<rule>', 'its id or name')
  .action((rule: string) => run(() => rulesRemoveCommand(archiveDir(), rule, io)));

rules
  .command('run')
  .description('run the rules over the whole library: shows which documents would get what; --apply writes it')
  .option('--apply', 'apply the changes')
  .option('--json', 'print JSON')
  .action((opts: { apply?: boolean; json?: boolean }) => run(() => rulesRunCommand(archiveDir(), opts, io)));

program
  .command('serve')
  .description('serve the app in browser mode on 127.0.0.1, behind a token printed in the URL')
  .option('--port <n>', 'port (default: a free one)', parsePort)
  .option('--inbox <dir>', 'watch this folder as the inbox for this run (imported files move to its done/ subfolder), instead of the one in Settings → Inbox')
  .action((opts: { port?: number; inbox?: string }) => run(() => serveCommand({ archiveDir: archiveDir(), port: opts.port, inbox: opts.inbox }, io)));

program
  .command('start')
  .description('open the desktop app; where Electron cannot run, serve browser mode instead')
  .option('--port <n>', 'port for browser mode', parsePort)
  .action((opts: { port?: number }) => run(() => startCommand(archiveDir(), opts.port, io)));

program
  .command('unlock')
  .description('break the archive lock (archive.lock) left by a writer that cannot be checked, after a confirmation')
  .option('--yes', 'do not ask (for scripts)')
  .action((opts: { yes?: boolean }) => run(() => unlockCommand(archiveDir(), !!opts.yes, io)));

// The team server and sync (issue #18).
registerServerCommands(program, run, io);
registerSyncCommands(program, run, io, archiveDir);

await program.parseAsync(process.argv);
