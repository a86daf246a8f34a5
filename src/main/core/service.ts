import { randomUUID } from 'node:crypto';
import { ApiError, type AppInfo, type Emit, type Handlers } from '../../shared/api';
import type { ImportOutcome } from '../../shared/model';
import { Archive } from './archive';
import { importPaths } from './import-paths';

export interface CoreOptions {
  archiveDir: string;
  shell: AppInfo['shell'];
  version: string;
  /** events to the UI; each shell delivers them its own way */
  emit: Emit;
  /** the desktop shell's native file dialog; absent in browser mode */
  pickPaths?: (folder: boolean) => Promise<string[]>;
}

export interface Core {
  archive: Archive;
  handlers: Handlers;
  close(): Promise<void>;
}

/** Opens the archive for writing and answers the contract: the same core behind every shell. */
export async function createCore(options: CoreOptions): Promise<Core> {
  const archive = await Archive.open(options.archiveDir, { writable: true, owner: options.shell === 'electron' ? 'the Marginalia app' : 'marginalia serve' });
  const { emit } = options;

  const announce = (outcomes: ImportOutcome[]) => {
    const ids = outcomes.flatMap((o) => (o.status === 'imported' || o.status === 'new-version' ? [o.doc.id] : []));
    if (ids.length) emit('library.changed', { ids });
    return outcomes;
  };

  const handlers: Handlers = {
    'app.info': async () => ({ version: options.version, shell: options.shell, archiveDir: archive.layout.root, notices: [...archive.notices] }),
    'library.list': async () => archive.list(),
    'document.get': async ({ id }) => archive.get(id),
    'document.update': async ({ id, title }) => {
      const meta = await archive.setTitle(id, title);
      emit('library.changed', { ids: [id] });
      return meta;
    },
    'import.files': async ({ files }) => {
      const runId = randomUUID();
      const outcomes: ImportOutcome[] = [];
      for (const file of files) {
        emit('import.progress', { runId, done: outcomes.length, total: files.length, current: file.name });
        const { data, ...options } = file;
        const outcome = await archive.importFile({ ...options, bytes: Buffer.from(data, 'base64') });
        outcomes.push(outcome);
        emit('import.progress', { runId, done: outcomes.length, total: files.length, current: file.name, outcome });
      }
      return announce(outcomes);
    },
    'annotations.list': async ({ docId }) => archive.annotations.list(docId),
    'annotations.create': async ({ docId, ...input }) => archive.annotations.create(docId, input),
    'annotations.update': async ({ docId, id, ...patch }) => archive.annotations.update(docId, id, patch),
    'annotations.delete': async ({ docId, id }) => archive.annotations.remove(docId, id),
    'annotations.restore': async ({ docId, annotation }) => archive.annotations.restore(docId, annotation),
    'annotations.place': async ({ docId, id, start, end }) => archive.annotations.place(docId, id, start, end),
    'note.get': async ({ docId }) => archive.annotations.note(docId),
    'note.set': async ({ docId, note }) => archive.annotations.setNote(docId, note),
    'settings.get': async () => archive.settings(),
    'settings.update': async (settings) => archive.setSettings(settings),
    'import.dialog': async ({ folder }) => {
      if (!options.pickPaths) throw new ApiError('unsupported', 'Importing by path needs the desktop app; in the browser, choose files or drop them on the library.');
      const paths = await options.pickPaths(folder);
      if (paths.length === 0) return [];
      const runId = randomUUID();
      const outcomes = await importPaths(archive, paths, (outcome, done, total) =>
        emit('import.progress', { runId, done, total, current: outcome.file, outcome }),
      );
      return announce(outcomes);
    },
  };

  return { archive, handlers, close: () => archive.close() };
}
