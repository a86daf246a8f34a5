import { z } from 'zod';
import {
  ANNOTATION_KINDS,
  HIGHLIGHT_COLORS,
  type Annotation,
  type DocumentContent,
  type DocumentMeta,
  type ImportOutcome,
  type ImportProgress,
  type RichDoc,
  type Settings,
} from '../model';
import { richDocSchema } from './rich-text-schema';
import type { EventName, Method } from './names';

/**
 * The one contract between UI and core. Every transport (Electron IPC, the loopback HTTP
 * bridge, the in-process CLI) is derived from the keys below; inputs are validated
 * against these schemas where they enter main.
 */

/** Phantom marker for an output type: carries the type, holds nothing at run time. */
const returns = <T>() => ({}) as T;

const docId = z.string().regex(/^[a-z0-9]{6,32}$/, 'not a document id');
const fileName = z.string().min(1).max(1024);
const annotationId = z.string().regex(/^[a-z0-9]{6,32}$/, 'not an annotation id');
const offset = z.number().int().nonnegative().max(2 ** 31);
const color = z.enum(HIGHLIGHT_COLORS);
const label = z.string().trim().min(1).max(64);
/** 64 MiB of bytes as base64: a single file larger than that is imported by path (CLI, desktop dialog). */
const MAX_BASE64 = Math.ceil((64 * 1024 * 1024) / 3) * 4;

export const methods = {
  'app.info': {
    input: z.object({}).strict(),
    output: returns<AppInfo>(),
  },
  'library.list': {
    input: z.object({}).strict(),
    output: returns<DocumentMeta[]>(),
  },
  'document.get': {
    input: z.object({ id: docId }).strict(),
    output: returns<DocumentContent>(),
  },
  'document.update': {
    input: z
      .object({
        id: docId,
        title: z.string().trim().min(1, 'title must not be empty').max(500),
      })
      .strict(),
    output: returns<DocumentMeta>(),
  },
  /** Import files whose bytes the UI already holds (file picker, drag and drop). */
  'import.files': {
    input: z
      .object({
        files: z
          .array(
            z
              .object({
                name: fileName,
                data: z.base64().max(MAX_BASE64, 'file larger than 64 MiB'),
                /** store as a new version of this document (after a 'version-candidate' outcome) */
                asVersionOf: docId.optional(),
                /** store as a new document even if it looks like a version of a known one */
                separate: z.boolean().optional(),
                password: z.string().max(1024).optional(),
              })
              .strict(),
          )
          .min(1)
          .max(500),
      })
      .strict(),
    output: returns<ImportOutcome[]>(),
  },
  /** Ask the shell for files or a folder to import; only the desktop shell has a native dialog. */
  'import.dialog': {
    input: z.object({ folder: z.boolean().default(false) }).strict(),
    output: returns<ImportOutcome[]>(),
  },
  'annotations.list': {
    input: z.object({ docId: docId }).strict(),
    output: returns<Annotation[]>(),
  },
  /** The core takes quote, prefix and suffix from the stored text: the client sends offsets only. */
  'annotations.create': {
    input: z
      .object({
        docId: docId,
        kind: z.enum(ANNOTATION_KINDS),
        start: offset,
        end: offset,
        color: color.optional(),
        label: label.optional(),
        entityId: z.string().max(64).optional(),
        comment: richDocSchema.nullable().optional(),
      })
      .strict()
      .refine((a) => a.end > a.start, 'end must be after start'),
    output: returns<Annotation>(),
  },
  'annotations.update': {
    input: z
      .object({ docId: docId, id: annotationId, color: color.optional(), label: label.optional(), comment: richDocSchema.nullable().optional() })
      .strict(),
    output: returns<Annotation>(),
  },
  /** Answers the removed annotation, so that undo can restore it exactly. */
  'annotations.delete': {
    input: z.object({ docId: docId, id: annotationId }).strict(),
    output: returns<Annotation>(),
  },
  'annotations.restore': {
    input: z
      .object({
        docId: docId,
        annotation: z
          .object({
            id: annotationId,
            docId: docId,
            kind: z.enum(ANNOTATION_KINDS),
            target: z.object({ start: offset, end: offset, quote: z.string().max(1_000_000), prefix: z.string().max(1000), suffix: z.string().max(1000) }).strict(),
            color: color.optional(),
            label: label.optional(),
            entityId: z.string().max(64).optional(),
            comment: richDocSchema.nullable().optional(),
            orphan: z.object({ reason: z.string().max(1000), since: z.string().max(64) }).strict().optional(),
            createdAt: z.string().max(64),
            updatedAt: z.string().max(64),
          })
          .strict(),
      })
      .strict(),
    output: returns<Annotation>(),
  },
  /** Puts an annotation (typically an orphan) on a new range of the current text. */
  'annotations.place': {
    input: z
      .object({ docId: docId, id: annotationId, start: offset, end: offset })
      .strict()
      .refine((a) => a.end > a.start, 'end must be after start'),
    output: returns<Annotation>(),
  },
  'note.get': {
    input: z.object({ docId: docId }).strict(),
    output: returns<{ note: RichDoc | null; updatedAt: string | null }>(),
  },
  'note.set': {
    input: z.object({ docId: docId, note: richDocSchema.nullable() }).strict(),
    output: returns<{ updatedAt: string }>(),
  },
  'settings.get': {
    input: z.object({}).strict(),
    output: returns<Settings>(),
  },
  'settings.update': {
    input: z
      .object({
        colors: z
          .array(z.object({ color, name: z.string().trim().min(1).max(60) }).strict())
          .length(HIGHLIGHT_COLORS.length)
          .refine((list) => new Set(list.map((c) => c.color)).size === list.length, 'each colour once'),
      })
      .strict(),
    output: returns<Settings>(),
  },
} as const satisfies { [M in Method]: { input: z.ZodType; output: unknown } };

export const events = {
  'import.progress': returns<ImportProgress>(),
  'library.changed': returns<{ ids: string[] }>(),
} as const satisfies { [E in EventName]: unknown };

export interface AppInfo {
  version: string;
  shell: 'electron' | 'browser';
  archiveDir: string;
  /** one line for the user when the store had to recover, e.g. restored from backup */
  notices: string[];
}

export type Methods = typeof methods;
export type Input<M extends Method> = z.input<Methods[M]['input']>;
export type ParsedInput<M extends Method> = z.output<Methods[M]['input']>;
export type Output<M extends Method> = Methods[M]['output'];
export type Events = typeof events;
export type EventPayload<E extends EventName> = Events[E];

/** What a shell registers: one handler per method, taking the validated input. */
export type Handlers = { [M in Method]: (input: ParsedInput<M>) => Promise<Output<M>> };
export type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;
