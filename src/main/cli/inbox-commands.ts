import { resolve } from 'node:path';
import { ApiError } from '../../shared/api';
import type { ImportOutcome, InboxAfter, Rule, RuleField, RuleMode } from '../../shared/model';
import { Archive } from '../core/archive';
import { InboxWatcher, DONE_FOLDER, ERROR_SUFFIX } from '../core/inbox/inbox-watcher';
import type { RuleDraft } from '../core/rules/rule-service';
import type { Output } from './commands';
import { outcomeLine, summaryLine, table } from './format';

export interface WatchOptions {
  after: InboxAfter;
  settleMs?: number;
  /** resolves when the command should stop (SIGINT/SIGTERM in the CLI) */
  stopSignal: Promise<unknown>;
}

/** `marginalia watch DIR`: the inbox from a terminal, one line per file as `import` prints it, until Ctrl+C. */
export async function watchCommand(archiveDir: string, folder: string, options: WatchOptions, io: Output): Promise<number> {
  const archive = await Archive.open(archiveDir, { writable: true, owner: 'marginalia watch' });
  const outcomes: ImportOutcome[] = [];
  try {
    for (const notice of archive.notices) io.err(`notice: ${notice}`);
    const root = resolve(folder);
    const watcher = new InboxWatcher(archive, {
      folder: root,
      after: options.after,
      ...(options.settleMs !== undefined ? { settleMs: options.settleMs } : {}),
      onEvent: (event, outcome) => {
        outcomes.push(outcome);
        const line = outcomeLine(outcome.status === 'failed' ? outcome : { ...outcome, file: event.file });
        (outcome.status === 'failed' ? io.err : io.out)(event.reason && outcome.status !== 'failed' ? `${line} (${event.reason})` : line);
      },
      onState: (state, message) => {
        if (state === 'watching') io.err(`watching ${root}`);
        else if (message) io.err(`notice: ${message}`);
      },
    });
    await watcher.start();
    io.out(
      `Watching ${root}: files are imported once they stop growing, then ${options.after === 'move' ? `moved to ${DONE_FOLDER}/` : 'left in place'}; a file that fails stays, with <file>${ERROR_SUFFIX}. Press Ctrl+C to stop.`,
    );
    await options.stopSignal;
    await watcher.stop();
    io.out(summaryLine(outcomes));
    return 0;
  } finally {
    await archive.close();
  }
}

export async function rulesListCommand(archiveDir: string, json: boolean, io: Output): Promise<number> {
  const archive = await Archive.open(archiveDir, { writable: false, owner: 'marginalia rules' });
  const rules = archive.rules.list();
  if (json) io.out(JSON.stringify(rules, null, 2));
  else if (!rules.length) io.out('No rules yet. Add one with: marginalia rules add NAME PATTERN --tag TAG');
  else io.out(table([['ID', 'NAME', 'FIELD', 'MODE', 'PATTERN', 'ASSIGNS'], ...rules.map((r) => [r.id, r.name + (r.enabled ? '' : ' (off)'), r.field, r.mode, r.pattern, assigns(r)])]));
  return 0;
}

export interface RuleAddOptions {
  field: RuleField;
  mode: RuleMode;
  tag?: string[];
  collection?: string[];
  date?: string;
  disabled?: boolean;
  json?: boolean;
}

export async function rulesAddCommand(archiveDir: string, name: string, pattern: string, options: RuleAddOptions, io: Output): Promise<number> {
  if (options.date && !/^\d{4}-\d{2}-\d{2}$/.test(options.date)) throw new ApiError('invalid_input', `--date ${options.date}: a date is YYYY-MM-DD.`);
  const archive = await Archive.open(archiveDir, { writable: true, owner: 'marginalia rules' });
  try {
    const draft: RuleDraft = {
      name,
      pattern,
      field: options.field,
      mode: options.mode,
      tags: options.tag ?? [],
      collections: options.collection ?? [],
      enabled: !options.disabled,
      ...(options.date ? { date: options.date } : {}),
    };
    const rule = await archive.rules.add(draft);
    io.out(options.json ? JSON.stringify(rule, null, 2) : `added rule ${rule.id}  "${rule.name}": ${rule.field} ${rule.mode} ${JSON.stringify(rule.pattern)} → ${assigns(rule)}`);
    return 0;
  } finally {
    await archive.close();
  }
}

export async function rulesRemoveCommand(archiveDir: string, idOrName: string, io: Output): Promise<number> {
  const archive = await Archive.open(archiveDir, { writable: true, owner: 'marginalia rules' });
  try {
    const rule = await archive.rules.remove(idOrName);
    io.out(`removed rule ${rule.id}  "${rule.name}"`);
    return 0;
  } finally {
    await archive.close();
  }
}

/** Runs the rules over the library: a preview unless --apply. */
export async function rulesRunCommand(archiveDir: string, options: { apply?: boolean; json?: boolean }, io: Output): Promise<number> {
  const archive = await Archive.open(archiveDir, { writable: !!options.apply, owner: 'marginalia rules' });
  try {
    const entries = options.apply ? await archive.rules.apply() : await archive.rules.preview();
    if (options.json) {
      io.out(JSON.stringify(entries, null, 2));
      return 0;
    }
    for (const e of entries) {
      const parts = [e.addTags.length ? `tags +${e.addTags.join(', +')}` : '', e.addCollections.length ? `collections +${e.addCollections.join(', +')}` : '', e.date ? `date ${e.date}` : ''];
      io.out(`${e.docId}  "${e.title}"  ${parts.filter(Boolean).join('; ')}  (${e.rules.map((r) => `"${r}"`).join(', ')})`);
    }
    io.out(options.apply ? `${entries.length} document(s) changed` : `${entries.length} document(s) would change; run again with --apply to apply`);
    return 0;
  } finally {
    await archive.close();
  }
}

function assigns(rule: Rule): string {
  return [
    rule.tags.length ? `tags ${rule.tags.join(', ')}` : '',
    rule.collections.length ? `collections ${rule.collections.join(', ')}` : '',
    rule.date ? `date ${rule.date}` : '',
  ]
    .filter(Boolean)
    .join('; ');
}
