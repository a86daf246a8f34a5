/**
 * The contract's methods about the app itself: what it is and runs on (app.info) and the
 * user's settings. Apart from the archive's domains because every window asks these first.
 */
import { z } from 'zod';
import { GOLD_LAYER, HIGHLIGHT_COLORS, IMPORT_LIMIT_RANGE, TRASH_RETENTION_RANGE, type Settings } from '../../model';
import { color, layerName, ocrLanguages, returns, type ContractPart } from './fields';

export const appMethods = {
  'app.info': {
    input: z.object({}).strict(),
    output: returns<AppInfo>(),
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
          .refine((list) => new Set(list.map((c) => c.color)).size === list.length, 'each colour once')
          .optional(),
        importLimits: z
          .object({
            maxFileMb: z.number().int().min(IMPORT_LIMIT_RANGE.maxFileMb[0]).max(IMPORT_LIMIT_RANGE.maxFileMb[1]),
            timeoutSeconds: z.number().int().min(IMPORT_LIMIT_RANGE.timeoutSeconds[0]).max(IMPORT_LIMIT_RANGE.timeoutSeconds[1]),
          })
          .strict()
          .optional(),
        /** null: never empty the trash by age */
        trashRetentionDays: z.number().int().min(TRASH_RETENTION_RANGE[0]).max(TRASH_RETENTION_RANGE[1]).nullable().optional(),
        ocr: z.object({ mode: z.enum(['auto', 'off']), languages: ocrLanguages }).strict().optional(),
        /** Settings → Team: the user's name, the author of their annotations (their layer); empty clears it */
        team: z
          .object({ user: z.union([layerName.refine((n) => n !== GOLD_LAYER, `"${GOLD_LAYER}" is the reviewed layer's name: choose another`), z.literal('')]).optional() })
          .strict()
          .optional(),
      })
      .strict(),
    output: returns<Settings>(),
  },
} as const satisfies ContractPart;

export interface AppInfo {
  version: string;
  shell: 'electron' | 'browser';
  archiveDir: string;
  /** one line for the user when the store had to recover, e.g. restored from backup */
  notices: string[];
}
