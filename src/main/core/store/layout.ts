import { join } from 'node:path';

/**
 * Where everything of one archive lives on disk (DESIGN.md "The archive on disk").
 *
 * A document is the folder docs/<id>/: original.<ext> (the file as imported), text.txt,
 * meta.json, and annotations.json from its first annotation (pages.json, pages.pdf for paged
 * documents). Its blocks are the last field of meta.json (new-meta.ts metaFileJson): until
 * issue #19 they were a fourth file, blocks.json. The kernel's cost of creating files is what
 * bounded the import's staging (~13% of its CPU) and a restore (~70% of its worker time):
 * three files a document instead of four. They are small (a document's structure, not its
 * text) and change only with the text, which makes a new folder anyway; every rewrite of
 * meta.json carries them over (stored-blocks.ts carriedBlocks), and checks.blocks is still the
 * SHA-256 of their JSON. The library (library.bin, its log) never holds them: what lists a
 * document from its meta.json reads it through documentMetaSchema, which leaves them out.
 * Folders written before keep blocks.json and are read as they are
 * (stored-blocks.ts findBlocks): migrating them would rewrite every meta.json of an archive
 * at its first open (100,000 files, and a crash half-way to reason about), for no gain in
 * reading them; a new version of such a document is written in the new form.
 */
export function archiveLayout(root: string) {
  const docs = join(root, 'docs');
  return {
    root,
    /** settings, collections, saved searches, trash (and, before issue #19, every document's metadata) */
    library: join(root, 'library.json'),
    /** every document's metadata as of the last compaction, binary (library-compact.ts) */
    libraryCompact: join(root, 'library.bin'),
    /** every change to the library since library.bin was written, one line each (library-log.ts) */
    libraryLog: join(root, 'library.log'),
    /** present while a program has the library open for writing: without it at open, every folder is known to the log */
    libraryOpen: join(root, 'library.open'),
    /** which documents have annotations, as of the last clean close (library-flags.ts) */
    libraryFlags: join(root, 'library.annotated'),
    entities: join(root, 'entities.json'),
    /** files set aside, rebuilt or restored, until the user dismisses them */
    repairs: join(root, 'repairs.json'),
    /** edits to library.json since its newest backup, replayed if library.json is damaged */
    libraryJournal: join(root, 'backups', 'library-journal.jsonl'),
    backups: join(root, 'backups'),
    docs,
    index: join(root, 'index'),
    /** deleted documents' folders, trash/<id>/, until the trash is emptied */
    trash: join(root, 'trash'),
    trashDir: (id: string) => join(root, 'trash', id),
    /** a trashed folder is renamed here before it is removed, so a crash never leaves half a document in the trash */
    emptyingDir: (id: string) => join(root, 'trash', `.emptying-${id}`),
    docDir: (id: string) => join(docs, id),
    /** a document being imported is written here first and renamed into place when complete */
    stagingDir: (id: string) => join(docs, `.staging-${id}`),
    docFile: (id: string, name: DocFileName) => join(docs, id, name),
    /** rotated copies of annotations.json, newest first (1, 2) */
    annotationsBackup: (id: string, n: number) => join(docs, id, `annotations.backup-${n}.json`),
    /** changes to annotations.json since it was last written, one line each (annotation-journal.ts) */
    annotationsJournal: (id: string) => join(docs, id, 'annotations.journal'),
    original: (id: string, ext: string) => join(docs, id, `original${ext ? `.${ext}` : ''}`),
  };
}

/**
 * pages.json: a PDF's source map (text offsets → page, text item, character); pages.pdf: an
 * image file's pages as a PDF; blocks.json: the blocks of a folder written before issue #19
 * (read only, never written anew but by the repair of such a folder).
 */
export type DocFileName = 'text.txt' | 'blocks.json' | 'annotations.json' | 'meta.json' | 'pages.json' | 'pages.pdf';
export type ArchiveLayout = ReturnType<typeof archiveLayout>;
