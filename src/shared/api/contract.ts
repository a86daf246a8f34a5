import { z } from 'zod';
import type { DocumentContent, DocumentMeta, ImportOutcome, ImportProgress } from '../model';
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
          .array(z.object({ name: fileName, data: z.base64().max(MAX_BASE64, 'file larger than 64 MiB') }).strict())
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
