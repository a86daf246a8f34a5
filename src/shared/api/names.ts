/**
 * The contract's method and event names, on their own so that the sandboxed preload can
 * derive window.api from them without bundling the schemas. contract.ts is checked
 * against these lists: a method there without a name here (or the reverse) fails to compile.
 */
export const METHOD_NAMES = [
  'app.info',
  'library.list',
  'document.get',
  'pdf.map',
  'document.update',
  'documents.tag',
  'tags.list',
  'collections.list',
  'collections.create',
  'collections.rename',
  'collections.delete',
  'collections.assign',
  'search.query',
  'search.hits',
  'searches.list',
  'searches.save',
  'searches.delete',
  'import.files',
  'import.dialog',
  'import.cancel',
  'annotations.list',
  'annotations.create',
  'annotations.update',
  'annotations.delete',
  'annotations.restore',
  'annotations.place',
  'note.get',
  'note.set',
  'settings.get',
  'settings.update',
  'labels.list',
  'labels.save',
  'labels.delete',
  'entities.list',
  'entities.get',
  'entities.update',
  'entities.merge',
  'entities.split',
  'mentions.create',
  'mentions.relabel',
  'mentions.findAll',
  'mentions.tagAll',
  'suggestions.list',
  'suggestions.reject',
  'export.bundle',
  'annotations.import',
  'ocr.run',
  'ocr.status',
] as const;
export const EVENT_NAMES = ['import.progress', 'library.changed', 'ocr.progress'] as const;

export type Method = (typeof METHOD_NAMES)[number];
export type EventName = (typeof EVENT_NAMES)[number];
