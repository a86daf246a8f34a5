/**
 * The contract's methods on the library: documents' metadata and text, tags, collections and
 * the trash — what the library view and the reader read and edit, apart from annotations.
 */
import { z } from 'zod';
import type { Collection, DocumentContent, DocumentMeta, LibraryEntry, LibraryTable, PdfSourceMap, TrashedDocument } from '../../model';
import { docId, name, returns, shortId, tag, type ContractPart } from './fields';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD');
const docIds = z.array(docId).min(1).max(100_000);

export const libraryMethods = {
  /** Every document's metadata, without `checks` (the core's own file checksums). */
  'library.list': {
    input: z.object({}).strict(),
    output: returns<LibraryEntry[]>(),
  },
  /**
   * The library as the library view loads it: its table's columns, one array each (issue #19;
   * LibraryTable says why). The details dialog fetches the rest (document.meta).
   */
  'library.table': {
    input: z.object({}).strict(),
    output: returns<LibraryTable>(),
  },
  /** One document's metadata as library.list lists it, without its text. */
  'document.meta': {
    input: z.object({ id: docId }).strict(),
    output: returns<LibraryEntry>(),
  },
  'document.get': {
    input: z.object({ id: docId }).strict(),
    output: returns<DocumentContent>(),
  },
  /**
   * A PDF's source map (text offsets ↔ page, text item, character); null for other
   * documents. Built and stored on first call for a PDF imported before maps existed.
   */
  'pdf.map': {
    input: z.object({ id: docId }).strict(),
    output: returns<PdfSourceMap | null>(),
  },
  /** Edits metadata; null clears date, author or language. */
  'document.update': {
    input: z
      .object({
        id: docId,
        title: z.string().trim().min(1, 'title must not be empty').max(500).optional(),
        date: isoDate.nullable().optional(),
        author: z.string().trim().max(300).nullable().optional(),
        language: z.string().trim().max(20).nullable().optional(),
        tags: z.array(tag).max(200).optional(),
      })
      .strict(),
    output: returns<DocumentMeta>(),
  },
  /** Bulk tagging from the library. */
  'documents.tag': {
    input: z
      .object({ ids: z.array(docId).min(1).max(100_000), add: z.array(tag).max(50).default([]), remove: z.array(tag).max(50).default([]) })
      .strict(),
    output: returns<DocumentMeta[]>(),
  },
  /** Moves documents to the trash with everything they carry; answers their trash entries. */
  'documents.delete': {
    input: z.object({ ids: docIds }).strict(),
    output: returns<TrashedDocument[]>(),
  },
  'trash.list': {
    input: z.object({}).strict(),
    output: returns<TrashedDocument[]>(),
  },
  'trash.restore': {
    input: z.object({ ids: docIds }).strict(),
    output: returns<DocumentMeta[]>(),
  },
  /** Removes documents from the trash for good: these, or all without ids. */
  'trash.empty': {
    input: z.object({ ids: docIds.optional() }).strict(),
    output: returns<{ removed: number }>(),
  },
  'tags.list': {
    input: z.object({}).strict(),
    output: returns<{ tag: string; count: number }[]>(),
  },
  'collections.list': {
    input: z.object({}).strict(),
    output: returns<Collection[]>(),
  },
  'collections.create': {
    input: z.object({ name: name }).strict(),
    output: returns<Collection>(),
  },
  'collections.rename': {
    input: z.object({ id: shortId, name: name }).strict(),
    output: returns<Collection>(),
  },
  'collections.delete': {
    input: z.object({ id: shortId }).strict(),
    output: returns<void>(),
  },
  'collections.assign': {
    input: z.object({ ids: z.array(docId).min(1).max(100_000), collectionId: shortId, member: z.boolean() }).strict(),
    output: returns<DocumentMeta[]>(),
  },
} as const satisfies ContractPart;
