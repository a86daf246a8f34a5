import type { AnalysedFile } from './analyse';
import type { StageOutcome, StageTarget } from '../store/stage-files';
import type { ImportError, ParseOptions } from './types';

/** main → parse worker */
export interface ParseRequest {
  id: number;
  bytes: Uint8Array;
  fileName: string;
  options: ParseOptions;
  /** a new document's staging folder: the worker writes its original, text and meta.json (with the blocks) there */
  stage?: StageTarget;
}

/** parse worker → main (with the files staged, `parsed.blocks` is empty: they are in meta.json) */
export type ParseReply =
  | { id: number; ok: true; parsed: AnalysedFile; staged?: StageOutcome; heapBytes: number }
  | { id: number; ok: false; importError: boolean; message: string; code?: ImportError['code'] };
