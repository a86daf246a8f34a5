/** The contract's methods on annotators' layers (issue #18): which exist, agreement between them, and curation into gold. */
import { z } from 'zod';
import { GOLD_LAYER, type Annotation } from '../../model';
import type { AgreementReport } from '../../agreement';
import { annotationId, docId, layerName, returns, type ContractPart } from './fields';

export const layerMethods = {
  /** Layers (#18): the user's own layer name and the layers in these documents (all when absent), own first, gold last. */
  'layers.list': {
    input: z.object({ ids: z.array(docId).min(1).max(100_000).optional() }).strict(),
    /**
     * working: the layer new annotations go into for now (gold while a reviewer edits it), else null;
     * goldWritable: whether the user may curate gold (not a signed-in annotator: the core refuses them)
     */
    output: returns<{ user: string; layers: string[]; working: string | null; goldWritable: boolean }>(),
  },
  /** Makes new annotations of this session go into the gold layer (a reviewer editing gold in the reader), or back to the user's own (null). */
  'layers.work': {
    input: z.object({ layer: z.literal(GOLD_LAYER).nullable() }).strict(),
    output: returns<{ working: string | null }>(),
  },
  /** Agreement between layers (κ, α, span F1), per document and per label; layers default to all but gold. */
  'agreement.compute': {
    input: z.object({ ids: z.array(docId).min(1).max(100_000).optional(), layers: z.array(layerName).min(2).max(50).optional() }).strict(),
    output: returns<AgreementReport>(),
  },
  /**
   * The reviewer's choice: copies annotations into the gold layer (a mention replaces the gold ones it overlaps;
   * a relation joins gold's mentions at its ends, or brings its own). Answers the copies made and the gold annotations replaced (undo).
   */
  'curation.accept': {
    input: z.object({ docId: docId, annotationIds: z.array(annotationId).min(1).max(10_000) }).strict(),
    output: returns<{ made: Annotation[]; replaced: Annotation[] }>(),
  },
} as const satisfies ContractPart;
