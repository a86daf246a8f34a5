import { randomUUID } from 'node:crypto';
import { ApiError, type AppInfo, type Emit, type Handlers } from '../../shared/api';
import { GOLD_LAYER, layersIn, layerWriteRefusal, userLayer, type ImportOutcome, type PageGeometry, type TeamSettings } from '../../shared/model';
import { agreementReport } from './layers/agreement-report';
import { acceptIntoGold } from './layers/curation';
import { rectToTextRange } from '../../shared/model/pdf';
import { Archive } from './archive';
import type { JsonPieces } from './dispatch';
import { libraryList, libraryListJson } from './library-list';
import { importPaths } from './import-paths';
import { warmUpSuggestionsSoon } from './entities/suggest';
import { InboxService } from './inbox/inbox-service';
import { installedLanguages, parseLanguages } from './ocr/languages';
import { TeamService } from './sync/team-service';

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
  /** the watcher of the inbox folder Settings → Inbox names */
  inbox: InboxService;
  handlers: Handlers;
  /** answers a transport may write as pieces of JSON text (dispatchJson): the HTTP server's */
  jsonPieces: JsonPieces;
  close(): Promise<void>;
}

/**
 * An area sent without its text (start = end) gets the text inside its rectangle, from
 * the PDF's page map; an area over a figure or a seal stays empty.
 */
async function areaTarget<T extends { kind: string; start: number; end: number; geometry?: PageGeometry[] | undefined }>(archive: Archive, docId: string, input: T): Promise<T> {
  const where = input.geometry?.[0];
  if (input.kind !== 'area' || input.start !== input.end || !where?.rects[0]) return input;
  const map = await archive.pdfMaps.get(docId).catch(() => null);
  const inside = map ? rectToTextRange(map, where.page, where.rects[0]) : undefined;
  return inside ? { ...input, ...inside } : input;
}

/** Opens the archive for writing and answers the contract: the same core behind every shell. */
export async function createCore(options: CoreOptions): Promise<Core> {
  const archive = await Archive.open(options.archiveDir, { writable: true, owner: options.shell === 'electron' ? 'the Marginalia app' : 'marginalia serve', indexAfterTable: true });
  const { emit } = options;
  const cancelled = new Set<string>();
  const inbox = new InboxService(archive, emit);
  await inbox.configure(archive.catalog.settings().inbox);

  const changed = <T>(ids: string[], value: T): T => {
    if (ids.length) emit('library.changed', { ids });
    return value;
  };
  const announce = (outcomes: ImportOutcome[]) =>
    changed(
      outcomes.flatMap((o) => (o.status === 'imported' || o.status === 'new-version' ? [o.doc.id] : [])),
      outcomes,
    );

  const team = new TeamService(archive, emit);
  await team.start();

  const handlers: Handlers = {
    ...team.handlers(),
    'repairs.list': async () => archive.repairList(),
    'repairs.dismiss': async ({ id }) => archive.repairs.dismiss(id),
    'repairs.restore': async ({ id }) => {
      const repair = archive.repairs.get(id);
      return changed(repair.docId ? [repair.docId] : [], await archive.restoreRepair(id));
    },
    'app.info': async () => ({ version: options.version, shell: options.shell, archiveDir: archive.layout.root, notices: [...archive.notices] }),
    // Without `checks` (two SHA-256s the core keeps to notice damaged files; no view shows them):
    // a third of the list's JSON at 100,000 documents (issue #19). Made one document at a time (library-list.ts).
    'library.list': async () => libraryList(archive),
    'library.table': async () => archive.libraryTable(),
    'document.meta': async ({ id }) => {
      const { checks: _checks, ...meta } = archive.getMeta(id);
      return { ...meta, hasAnnotations: (await archive.annotatedIds()).has(id) };
    },
    'document.get': async ({ id }) => {
      // The reader is opening a document: suggestions may come next, so their engines load
      // soon after, not while this answer is made and sent.
      warmUpSuggestionsSoon();
      return archive.get(id);
    },
    'pdf.map': async ({ id }) => archive.pdfMaps.get(id),
    'document.update': async ({ id, ...patch }) => changed([id], await archive.catalog.updateMeta(id, patch)),
    'documents.tag': async ({ ids, add, remove }) => changed(ids, await archive.catalog.tag(ids, add, remove)),
    'documents.delete': async ({ ids }) => {
      const entries = await archive.trash.delete(ids);
      return changed(entries.map((e) => e.id), entries);
    },
    'trash.list': async () => [...archive.trash.list()],
    'trash.restore': async ({ ids }) => {
      const restored = await archive.trash.restore(ids);
      return changed(restored.map((d) => d.id), restored);
    },
    'trash.empty': async ({ ids }) => ({ removed: await archive.trash.empty(ids) }),
    'tags.list': async () => archive.catalog.tags(),
    'collections.list': async () => [...archive.catalog.collections()],
    'collections.create': async ({ name }) => archive.catalog.createCollection(name),
    'collections.rename': async ({ id, name }) => archive.catalog.renameCollection(id, name),
    'collections.delete': async ({ id }) => changed([], await archive.catalog.deleteCollection(id)),
    'collections.assign': async ({ ids, collectionId, member }) => changed(ids, await archive.catalog.collect(ids, collectionId, member)),
    'search.query': async ({ query, filters, limit, offset }) => {
      // A search before the library table (OpenOptions.indexAfterTable) starts the index's load itself.
      archive.startIndex();
      return archive.search.search(query, { ...(filters ? { filters } : {}), limit, offset, snippets: true });
    },
    'search.hits': async ({ docId, query }) => archive.search.findHits((await archive.get(docId)).text, query),
    'searches.list': async () => [...archive.catalog.savedSearches()],
    'searches.save': async ({ name, query, filters }) => archive.catalog.saveSearch(name, query, filters),
    'searches.delete': async ({ id }) => archive.catalog.deleteSearch(id),
    'import.files': async ({ files, runId = randomUUID() }) => {
      const outcomes: ImportOutcome[] = [];
      for (const file of files) {
        if (cancelled.has(runId)) break;
        emit('import.progress', { runId, done: outcomes.length, total: files.length, current: file.name });
        const { data, ...source } = file;
        const outcome = await archive.importFile({ ...source, bytes: Buffer.from(data, 'base64') });
        outcomes.push(outcome);
        emit('import.progress', { runId, done: outcomes.length, total: files.length, current: file.name, outcome });
      }
      return announce(outcomes);
    },
    'import.dialog': async ({ folder, runId = randomUUID() }) => {
      if (!options.pickPaths) throw new ApiError('unsupported', 'Importing by path needs the desktop app; in the browser, choose files or drop them on the library.');
      const paths = await options.pickPaths(folder);
      if (paths.length === 0) return [];
      const outcomes = await importPaths(archive, paths, {
        onOutcome: (outcome, done, total) => emit('import.progress', { runId, done, total, current: outcome.file, outcome }),
        isCancelled: () => cancelled.has(runId),
      });
      return announce(outcomes);
    },
    'import.cancel': async ({ runId }) => {
      cancelled.add(runId);
      return { cancelled: true };
    },
    'annotations.list': async ({ docId }) => archive.annotations.list(docId),
    'annotations.create': async ({ docId, ...input }) => archive.annotations.create(docId, await areaTarget(archive, docId, input)),
    'annotations.update': async ({ docId, id, ...patch }) => archive.annotations.update(docId, id, patch),
    'annotations.delete': async ({ docId, id }) => archive.annotations.remove(docId, id),
    'annotations.restore': async ({ docId, annotation }) => archive.annotations.restore(docId, annotation),
    'annotations.place': async ({ docId, id, start, end }) => archive.annotations.place(docId, id, start, end),
    'note.get': async ({ docId }) => archive.annotations.note(docId),
    'note.set': async ({ docId, note }) => archive.annotations.setNote(docId, note),
    'rules.list': async () => archive.rules.list(),
    'rules.save': async ({ rules }) => archive.rules.save(rules),
    'rules.preview': async () => archive.rules.preview(),
    'rules.apply': async () => {
      const entries = await archive.rules.apply();
      return changed(
        entries.map((e) => e.docId),
        entries,
      );
    },
    'inbox.status': async () => inbox.status(),
    'inbox.set': async (settings) => inbox.set(settings),
    'settings.get': async () => archive.catalog.settings(),
    'settings.update': async ({ trashRetentionDays, team, ...settings }) => {
      if (settings.ocr) checkOcrLanguages(settings.ocr.languages);
      return archive.catalog.updateSettings((current) => {
        const next = { ...current, ...settings };
        // The team block also holds the sync client's settings: change only what was sent.
        if (team) next.team = teamSettings(current.team, team);
        if (trashRetentionDays === null) delete next.trashRetentionDays;
        else if (trashRetentionDays !== undefined) next.trashRetentionDays = trashRetentionDays;
        return next;
      });
    },
    'labels.list': async () => archive.entities.labels(),
    'labels.save': async ({ labels }) => archive.entities.saveLabels(labels),
    'labels.delete': async ({ id, mentions, to }) => archive.entities.deleteLabel(id, mentions === 'delete' ? { mentions } : { mentions, to: to! }),
    'relationTypes.list': async () => archive.relations.types(),
    'relationTypes.save': async ({ relationTypes }) => archive.relations.saveTypes(relationTypes),
    'relations.create': async ({ docId, ...input }) => archive.relations.create(docId, input),
    'entities.list': async (filter) => archive.entities.list(filter),
    'entities.get': async ({ id }) => archive.entities.get(id),
    'entities.update': async ({ id, ...patch }) => archive.entities.update(id, patch),
    'entities.merge': async ({ into, ids }) => archive.entities.merge(into, ids),
    'entities.delete': async ({ id, mentions }) => archive.entities.delete(id, mentions),
    'entities.restore': async ({ entity, mentions }) => archive.entities.restoreEntity(entity, mentions),
    'entities.split': async ({ id, name, mentions }) => archive.entities.split(id, mentions, name),
    'mentions.create': async ({ docId, ...input }) => archive.entities.tag(docId, input),
    'mentions.relabel': async ({ docId, annotationId, label }) => archive.entities.relabel(docId, annotationId, label),
    'mentions.confirm': async ({ docId, annotationId }) => archive.entities.confirm(docId, annotationId),
    'mentions.findAll': async ({ docId, annotationId, scope, caseSensitive }) => archive.entities.findAll(docId, annotationId, scope, caseSensitive),
    'mentions.tagAll': async ({ label, entityId, items }) => ({ created: await archive.entities.tagAll(label, entityId, items) }),
    'suggestions.list': async ({ docId }) => archive.entities.suggestions(docId),
    'suggestions.reject': async ({ docId, label, text }) => archive.entities.reject(docId, label, text),
    'export.bundle': async ({ format, ids, layer }) => {
      // Loaded when asked for: the exporters (and the YAML writer) cost every start ~0.1 s of module loading (issue #19).
      const { exportBundle } = await import('./exporters/export-bundle');
      const bundle = await exportBundle(archive, format, ids, layer);
      return { ...bundle, data: bundle.data.toString('base64') };
    },
    'annotations.import': async ({ files, layer }) => {
      // As the CLI does: labels and relation types the files use are created (a warning says which).
      // Loaded when asked for: its Markdown parser (micromark, GFM) cost every start ~0.1 s of module loading (issue #19).
      const { importAnnotationFiles } = await import('./interchange/import-annotations');
      const reports = await importAnnotationFiles(archive, files, { createLabels: true, ...(layer ? { layer } : {}) });
      return changed(
        reports.flatMap((r) => r.documents),
        reports,
      );
    },
    'layers.list': async ({ ids }) => {
      const user = archive.catalog.settings().team?.user;
      // Without ids: only the documents the search index knows to hold annotations are read.
      if (!ids) archive.startIndex();
      const annotated = ids ? null : await archive.search.annotatedIds();
      const chosen = ids ?? archive.list().filter((d) => annotated!.has(d.id)).map((d) => d.id);
      const all = (await Promise.all(chosen.map((id) => archive.annotations.list(id)))).flat();
      const goldWritable = layerWriteRefusal({ author: GOLD_LAYER, kind: 'entity' }, await archive.layerRights.rights()) === null;
      return { user: userLayer(user), layers: [...new Set([userLayer(user), ...layersIn(all, user)])], working: archive.workingLayer, goldWritable };
    },
    'layers.work': async ({ layer }) => {
      if (layer) await archive.layerRights.check([{ author: layer, kind: 'entity' }]);
      archive.workingLayer = layer;
      return { working: layer };
    },
    'agreement.compute': async ({ ids, layers }) => agreementReport(archive, { ...(ids ? { ids } : {}), ...(layers ? { layers } : {}) }),
    'curation.accept': async ({ docId, annotationIds }) => acceptIntoGold(archive, docId, annotationIds),
    'ocr.run': async ({ id, mode, languages }) => {
      if (languages) checkOcrLanguages(languages);
      await archive.queueOcr(id, mode, languages);
      return { queued: true };
    },
    'ocr.status': async () => ({ installed: installedLanguages(), pending: archive.ocr?.pending ?? [] }),
    'ocr.cancel': async () => ({ cancelled: (await archive.ocr?.cancel()) ?? 0 }),
  };

  // OCR runs in the background: the UI hears its progress, and the library when a text arrives.
  archive.ocrListeners.add((progress) => {
    emit('ocr.progress', progress);
    if (progress.state) emit('library.changed', { ids: [progress.docId] });
  });

  return {
    archive,
    inbox,
    handlers,
    jsonPieces: { 'library.list': async () => libraryListJson(archive) },
    close: async () => {
      try {
        await team.stop();
        await inbox.stop();
      } finally {
        await archive.close();
      }
    },
  };
}

function teamSettings(current: TeamSettings | undefined, change: { user?: string | undefined }): TeamSettings {
  const next: TeamSettings = { ...current };
  if (change.user === '') delete next.user;
  else if (change.user !== undefined) next.user = change.user;
  return next;
}

/** Refuses OCR languages that are not installed, with the sentence that says which. */
function checkOcrLanguages(languages: string): void {
  try {
    parseLanguages(languages);
  } catch (error) {
    throw new ApiError('invalid_input', (error as Error).message);
  }
}
