/**
 * The contract's one object: the methods of every part of this folder, the events, and the
 * types every transport and handler is written against. The parts are apart only to keep
 * each domain's schemas readable; nothing but this object (and its test) imports them.
 */
import type { z } from 'zod';
import type { ImportProgress, InboxEvent, InboxStatus, OcrProgress, TeamProgress } from '../../model';
import type { EventName, Method } from '../names';
import { returns } from './fields';
import { appMethods } from './app';
import { libraryMethods } from './library';
import { searchMethods } from './search';
import { importMethods } from './import';
import { annotationMethods } from './annotations';
import { ruleMethods } from './rules';
import { entityMethods } from './entities';
import { exchangeMethods } from './exchange';
import { layerMethods } from './layers';
import { repairMethods } from './repairs';
import { ocrMethods } from './ocr';
import { teamMethods } from './team';

export type { AppInfo } from './app';
export type { EntityDeletion } from './entities';

/**
 * The one contract between UI and core. Every transport (Electron IPC, the loopback HTTP
 * bridge, the in-process CLI) is derived from the keys below; inputs are validated
 * against these schemas where they enter main. Its methods are written in one file per
 * domain in this folder; this object is the only place they meet, and it must hold every
 * name of names.ts (each part refuses a name that is not there).
 */
export const methods = {
  ...appMethods,
  ...libraryMethods,
  ...searchMethods,
  ...importMethods,
  ...annotationMethods,
  ...ruleMethods,
  ...entityMethods,
  ...exchangeMethods,
  ...layerMethods,
  ...repairMethods,
  ...ocrMethods,
  ...teamMethods,
} as const satisfies { [M in Method]: { input: z.ZodType; output: unknown } };

export const events = {
  'import.progress': returns<ImportProgress>(),
  /** the inbox's state changed, or it handled a file (latest) */
  'inbox.status': returns<InboxStatus & { latest?: InboxEvent }>(),
  'library.changed': returns<{ ids: string[] }>(),
  'ocr.progress': returns<OcrProgress>(),
  'team.progress': returns<TeamProgress>(),
} as const satisfies { [E in EventName]: unknown };

export type Methods = typeof methods;
export type Input<M extends Method> = z.input<Methods[M]['input']>;
export type ParsedInput<M extends Method> = z.output<Methods[M]['input']>;
export type Output<M extends Method> = Methods[M]['output'];
export type Events = typeof events;
export type EventPayload<E extends EventName> = Events[E];

/** What a shell registers: one handler per method, taking the validated input. */
export type Handlers = { [M in Method]: (input: ParsedInput<M>) => Promise<Output<M>> };
export type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;
