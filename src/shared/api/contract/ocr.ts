/** The contract's methods on OCR: reading a PDF's pages in the background, its queue and cancelling it. */
import { z } from 'zod';
import { docId, ocrLanguages, returns, type ContractPart } from './fields';

export const ocrMethods = {
  /** Reads a PDF's pages by OCR in the background: those without usable text (auto) or every page (force). */
  'ocr.run': {
    input: z.object({ id: docId, mode: z.enum(['auto', 'force']).default('auto'), languages: ocrLanguages.optional() }).strict(),
    output: returns<{ queued: true }>(),
  },
  /** The OCR languages installed, and the documents waiting for OCR. */
  'ocr.status': {
    input: z.object({}).strict(),
    output: returns<{ installed: string[]; pending: string[] }>(),
  },
  /** Stops OCR after the page under way; the documents that were waiting say they were cancelled. */
  'ocr.cancel': {
    input: z.object({}).strict(),
    output: returns<{ cancelled: number }>(),
  },
} as const satisfies ContractPart;
