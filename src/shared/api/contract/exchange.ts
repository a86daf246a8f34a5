/** The contract's methods that exchange with other tools: export as a download, and annotation files brought in. */
import { z } from 'zod';
import type { AnnotationImportReport } from '../../model';
import { EXPORT_FORMATS } from '../../export/types';
import { APP_ANNOTATION_FILE_MB } from '../limits';
import { docId, fileName, layerName, returns, type ContractPart } from './fields';

export const exchangeMethods = {
  /** An export as one download: a single file for one document in a one-file format, else a zip. */
  'export.bundle': {
    /** layer: only that layer's annotations (an annotator's, gold); absent: every layer */
    input: z.object({ format: z.enum(EXPORT_FORMATS), ids: z.array(docId).min(1).max(100_000).optional(), layer: layerName.optional() }).strict(),
    output: returns<{ name: string; mime: string; data: string; documents: number; notices: string[] }>(),
  },
  /** Annotations from brat .ann (+ its .txt), doccano .jsonl, CoNLL, Label Studio or W3C .json: into the document holding their text, else a new one storing it as given. */
  'annotations.import': {
    input: z
      .object({
        files: z
          .array(
            z
              .object({ name: fileName, content: z.string() })
              .strict()
              .superRefine(({ name, content }, ctx) => {
                if (content.length > APP_ANNOTATION_FILE_MB * 1048576) ctx.addIssue({ code: 'custom', message: `${name}: more than an annotation file may be in the app (the limit is ${APP_ANNOTATION_FILE_MB} MB)` });
              }),
          )
          .min(1)
          .max(1000),
        /** the layer they go into (an annotator's exported file); absent: the user's */
        layer: layerName.optional(),
      })
      .strict(),
    output: returns<AnnotationImportReport[]>(),
  },
} as const satisfies ContractPart;
