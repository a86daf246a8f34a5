import { join } from 'node:path';

/** Where everything of one archive lives on disk (DESIGN.md "The archive on disk"). */
export function archiveLayout(root: string) {
  const docs = join(root, 'docs');
  return {
    root,
    library: join(root, 'library.json'),
    entities: join(root, 'entities.json'),
    backups: join(root, 'backups'),
    docs,
    index: join(root, 'index'),
    docDir: (id: string) => join(docs, id),
    /** a document being imported is written here first and renamed into place when complete */
    stagingDir: (id: string) => join(docs, `.staging-${id}`),
    docFile: (id: string, name: DocFileName) => join(docs, id, name),
    original: (id: string, ext: string) => join(docs, id, `original${ext ? `.${ext}` : ''}`),
  };
}

/** pages.json: a PDF's source map (text offsets → page, text item, character) */
export type DocFileName = 'text.txt' | 'blocks.json' | 'annotations.json' | 'meta.json' | 'pages.json';
export type ArchiveLayout = ReturnType<typeof archiveLayout>;
