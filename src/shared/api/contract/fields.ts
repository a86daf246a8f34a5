/**
 * The schemas several parts of the contract share (ids, offsets, names, a layer's name), so
 * that a document id, say, is refused with the same words by every method that takes one.
 */
import { z } from 'zod';
import { HIGHLIGHT_COLORS, LAYER_NAME_PATTERN, OCR_LANGUAGES_PATTERN } from '../../model';
import type { Method } from '../names';

/** Phantom marker for an output type: carries the type, holds nothing at run time. */
export const returns = <T>() => ({}) as T;

/**
 * Some of the contract's methods, each an input schema and an output type. Each part is
 * checked against it (a name that is not in names.ts fails to compile there); index.ts
 * checks that the parts together hold every method.
 */
export type ContractPart = { [M in Method]?: { input: z.ZodType; output: unknown } };

export const docId = z.string().regex(/^[a-z0-9]{6,32}$/, 'not a document id');
export const fileName = z.string().min(1).max(1024);
export const annotationId = z.string().regex(/^[a-z0-9]{6,32}$/, 'not an annotation id');
export const offset = z.number().int().nonnegative().max(2 ** 31);
export const color = z.enum(HIGHLIGHT_COLORS);
export const label = z.string().trim().min(1).max(64);
export const labelId = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'a label id is letters, digits, _ or -');
export const shortId = z.string().regex(/^[a-z0-9]{6,32}$/, 'not an id');
export const name = z.string().trim().min(1, 'name must not be empty').max(200);
export const tag = z.string().trim().min(1).max(200);
export const ocrLanguages = z.string().regex(OCR_LANGUAGES_PATTERN, 'OCR languages are codes joined by +, e.g. chi_sim+eng');
/** an annotator's layer name (layers.ts) */
export const layerName = z.string().trim().regex(LAYER_NAME_PATTERN, 'a layer name is letters, digits, space, . _ @ or -, at most 64');
