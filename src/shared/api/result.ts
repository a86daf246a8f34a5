/** Every call answers with a Result: an error never crosses a transport as a thrown exception. */

/** read_only: a change to another author's layer, or to gold by one who may not curate it (#18) */
export const ERROR_CODES = ['invalid_input', 'not_found', 'unknown_method', 'locked', 'unsupported', 'io', 'internal', 'read_only'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

export const failure = (code: ErrorCode, message: string): Result<never> => ({ ok: false, error: { code, message } });

/** Thrown by core code for failures the user can act on; the dispatcher turns it into a Result. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
