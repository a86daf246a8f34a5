import { createInterface } from 'node:readline/promises';
import { Archive } from '../core/archive';
import type { Output } from './commands';
import { formatSize, table } from './format';

/** Asks on a terminal: yes or no; null where there is no terminal to ask on (a script, a pipe): the caller must have said --yes. */
export type Confirm = (question: string) => Promise<boolean | null>;

export const terminalConfirm: Confirm = async (question) => {
  if (!process.stdin.isTTY) return null;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
};

const openForWriting = (archiveDir: string, command: string) => Archive.open(archiveDir, { writable: true, owner: `marginalia ${command}` });

export async function deleteCommand(archiveDir: string, ids: string[], options: { json?: boolean }, io: Output): Promise<number> {
  const archive = await openForWriting(archiveDir, 'delete');
  try {
    const entries = await archive.trash.delete(ids);
    if (options.json) io.out(JSON.stringify(entries.map((e) => ({ id: e.id, title: e.title, deletedAt: e.deletedAt, annotations: e.annotationCount })), null, 2));
    else {
      for (const e of entries) io.out(`trashed  ${e.id}  "${e.title}"${e.annotationCount ? ` (with ${e.annotationCount} annotation(s))` : ''}`);
      io.out(`${entries.length} document(s) moved to the trash. Bring them back with: marginalia trash restore ${entries.map((e) => e.id).join(' ')}`);
    }
    return 0;
  } finally {
    await archive.close();
  }
}

export async function trashListCommand(archiveDir: string, options: { json?: boolean }, io: Output): Promise<number> {
  const archive = await Archive.open(archiveDir, { writable: false, owner: 'marginalia trash list' });
  const entries = archive.trash.list();
  if (options.json) {
    io.out(JSON.stringify(entries.map((e) => ({ id: e.id, title: e.title, type: e.type, size: e.size, deletedAt: e.deletedAt, annotations: e.annotationCount })), null, 2));
  } else if (entries.length === 0) io.out('The trash is empty.');
  else {
    const rows = entries.map((e) => [e.id, e.type, formatSize(e.size).padStart(8), e.deletedAt.slice(0, 16).replace('T', ' '), String(e.annotationCount), e.title]);
    io.out(table([['ID', 'TYPE', 'SIZE', 'DELETED', 'ANNOTATIONS', 'TITLE'], ...rows]));
  }
  return 0;
}

export async function trashRestoreCommand(archiveDir: string, ids: string[], options: { json?: boolean }, io: Output): Promise<number> {
  const archive = await openForWriting(archiveDir, 'trash restore');
  try {
    const restored = await archive.trash.restore(ids);
    if (options.json) io.out(JSON.stringify(restored.map((d) => ({ id: d.id, title: d.title })), null, 2));
    else for (const d of restored) io.out(`restored  ${d.id}  "${d.title}"`);
    return 0;
  } finally {
    await archive.close();
  }
}

export async function trashEmptyCommand(archiveDir: string, options: { yes?: boolean; json?: boolean }, io: Output, confirm: Confirm = terminalConfirm): Promise<number> {
  const archive = await openForWriting(archiveDir, 'trash empty');
  try {
    const count = archive.trash.list().length;
    if (count === 0) {
      if (options.json) io.out(JSON.stringify({ removed: 0 }));
      else io.out('The trash is empty.');
      return 0;
    }
    const question = `Remove ${count} document(s) in the trash for good, with their annotations and notes? This cannot be undone.`;
    const answer = options.yes ? true : await confirm(question);
    if (answer === null) {
      io.err(`marginalia: the trash holds ${count} document(s); to remove them for good without a terminal to confirm on, add --yes.`);
      return 2;
    }
    if (!answer) {
      io.err('Nothing removed.');
      return 1;
    }
    const removed = await archive.trash.empty();
    if (options.json) io.out(JSON.stringify({ removed }));
    else io.out(`${removed} document(s) removed for good.`);
    return 0;
  } finally {
    await archive.close();
  }
}

export async function entityDeleteCommand(archiveDir: string, id: string, options: { mentions: 'remove' | 'unlink'; json?: boolean }, io: Output): Promise<number> {
  const archive = await openForWriting(archiveDir, 'entities delete');
  try {
    const { entity, mentions } = await archive.entities.delete(id, options.mentions);
    const docs = new Set(mentions.map((m) => m.docId)).size;
    if (options.json) io.out(JSON.stringify({ id: entity.id, entity: entity.name, label: entity.label, mentions: options.mentions, count: mentions.length, documents: docs }, null, 2));
    else {
      const what = options.mentions === 'remove' ? 'removed' : 'kept without an entity (unlinked, label kept)';
      io.out(`deleted  ${entity.id}  ${entity.label}  "${entity.name}": ${mentions.length} mention(s) in ${docs} document(s) ${what}`);
    }
    return 0;
  } finally {
    await archive.close();
  }
}
