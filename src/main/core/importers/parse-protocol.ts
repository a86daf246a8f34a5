import type { AnalysedFile } from './analyse';
import type { ImportError, ParseOptions } from './types';

/** main → parse worker */
export interface ParseRequest {
  id: number;
  bytes: Uint8Array;
  fileName: string;
  options: ParseOptions;
}

/** parse worker → main */
export type ParseReply =
  | { id: number; ok: true; parsed: AnalysedFile }
  | { id: number; ok: false; importError: boolean; message: string; code?: ImportError['code'] };
