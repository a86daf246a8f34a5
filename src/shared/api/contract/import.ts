/**
 * The contract's methods that bring files in: an import run (bytes from the UI, or the
 * shell's dialog), its cancellation, and the inbox folder that imports on its own.
 */
import { z } from 'zod';
import type { ImportOutcome, InboxStatus } from '../../model';
import { inboxSettingsSchema } from '../rule-schema';
import { docId, fileName, returns, type ContractPart } from './fields';

const runId = z.string().min(8).max(64).regex(/^[\w-]+$/);
/** 64 MiB of bytes as base64: a single file larger than that is imported by path (CLI, desktop dialog). */
const MAX_BASE64 = Math.ceil((64 * 1024 * 1024) / 3) * 4;

export const importMethods = {
  /** Import files whose bytes the UI already holds (file picker, drag and drop). */
  'import.files': {
    input: z
      .object({
        /** names the run in progress events, so that import.cancel can stop it */
        runId: runId.optional(),
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
    input: z.object({ folder: z.boolean().default(false), runId: runId.optional() }).strict(),
    output: returns<ImportOutcome[]>(),
  },
  /** Stops an import run after the file in progress; what was stored stays. */
  'import.cancel': {
    input: z.object({ runId: runId }).strict(),
    output: returns<{ cancelled: boolean }>(),
  },
  'inbox.status': {
    input: z.object({}).strict(),
    output: returns<InboxStatus>(),
  },
  /** Names the inbox folder (empty: none) and what happens to imported files; the watcher restarts at once. */
  'inbox.set': {
    input: inboxSettingsSchema,
    output: returns<InboxStatus>(),
  },
} as const satisfies ContractPart;
