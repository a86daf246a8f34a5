import type { EventPayload, Input, Output } from './contract';
import { METHOD_NAMES, type EventName, type Method } from './names';
import { ApiError, type Result } from './result';

/** What the renderer talks to; the same shape whether window.api (Electron) or HTTP is behind it. */
export type Api = { [M in Method]: (input: Input<M>) => Promise<Output<M>> } & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/** The raw shape a transport provides: one call function and one event subscription. */
export interface Transport {
  call(method: Method, input: unknown): Promise<Result<unknown>>;
  on(event: EventName, listener: (payload: unknown) => void): () => void;
}

/** Builds the typed Api from a transport: one function per contract key, errors thrown as ApiError. */
export function createApi(transport: Transport): Api {
  const api: Record<string, unknown> = {
    on: (event: EventName, listener: (payload: unknown) => void) => transport.on(event, listener),
  };
  for (const method of METHOD_NAMES) {
    api[method] = async (input: unknown) => {
      const result = await transport.call(method, input);
      if (!result.ok) throw new ApiError(result.error.code, result.error.message);
      return result.value;
    };
  }
  return api as Api;
}

/** What the Electron preload exposes as window.api: one function per contract key, answering Results. */
export type RawApi = { [M in Method]: (input: Input<M>) => Promise<Result<Output<M>>> } & {
  on(event: EventName, listener: (payload: unknown) => void): () => void;
};

export function transportFromRawApi(raw: RawApi): Transport {
  return {
    call: (method, input) => (raw[method] as (input: unknown) => Promise<Result<unknown>>)(input),
    on: (event, listener) => raw.on(event, listener),
  };
}
