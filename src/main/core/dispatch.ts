import { ApiError, methods, type Handlers, type Method, type ParsedInput, type Result } from '../../shared/api';
import { diskFailureSentence } from './fs-errors';

/** Deeper than any real payload (rich text is bounded at 40); keeps recursive validation off the stack limit. */
const MAX_INPUT_DEPTH = 64;

/** Iterative, so a hostile 100,000-level payload cannot overflow the stack here. */
function nestingDepth(value: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth > max) max = depth;
    if (max > MAX_INPUT_DEPTH) return max;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return max;
}

const isMethod = (name: string): name is Method => Object.hasOwn(methods, name);

/**
 * Answers that a transport may write as pieces of their JSON text instead of one string: the
 * text of the same value the method's handler answers, made as the transport asks for each
 * piece (library.list: tens of MB at 100,000 documents; issue #19). The promise settles once
 * what can fail is done; the pieces themselves do not fail.
 */
export type JsonPieces = { [M in Method]?: (input: ParsedInput<M>) => Promise<Iterable<string>> };

/**
 * The one entry point of every transport: validates the input against the contract,
 * runs the handler, and answers with a Result. Nothing a client sends can throw past here.
 */
export async function dispatch(handlers: Handlers, name: string, rawInput: unknown): Promise<Result<unknown>> {
  return run(name, rawInput, (input) => (handlers[name as Method] as (input: unknown) => Promise<unknown>)(input));
}

/**
 * dispatch() for a transport that writes JSON text (HTTP): a method in `pieces` answers its
 * value as pieces of text (`json`), validated and failing exactly as dispatch() would.
 */
export async function dispatchJson(handlers: Handlers, pieces: JsonPieces, name: string, rawInput: unknown): Promise<Result<unknown> | { ok: true; json: Iterable<string> }> {
  const piecewise = isMethod(name) ? (pieces[name] as ((input: unknown) => Promise<Iterable<string>>) | undefined) : undefined;
  if (!piecewise) return dispatch(handlers, name, rawInput);
  const result = await run(name, rawInput, piecewise);
  return result.ok ? { ok: true, json: result.value } : result;
}

async function run<T>(name: string, rawInput: unknown, handler: (input: unknown) => Promise<T>): Promise<Result<T>> {
  if (!isMethod(name)) return { ok: false, error: { code: 'unknown_method', message: `Unknown method: ${name.slice(0, 100)}` } };
  if (nestingDepth(rawInput) > MAX_INPUT_DEPTH) {
    return { ok: false, error: { code: 'invalid_input', message: `Invalid input for ${name}: nested deeper than ${MAX_INPUT_DEPTH} levels` } };
  }
  const parsed = methods[name].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    return { ok: false, error: { code: 'invalid_input', message: `Invalid input for ${name}${where}: ${issue?.message ?? 'does not match'}` } };
  }
  try {
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    if (error instanceof ApiError) return { ok: false, error: { code: error.code, message: error.message } };
    const full = diskFailureSentence(error, `this change (${name})`);
    if (full) return { ok: false, error: { code: 'io', message: full } };
    console.error(`[marginalia] ${name} failed:`, error);
    return { ok: false, error: { code: 'internal', message: `${name} failed: ${(error as Error)?.message ?? String(error)}` } };
  }
}
