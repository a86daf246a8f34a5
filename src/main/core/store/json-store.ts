import { Low, type Adapter } from 'lowdb';
import type { z } from 'zod';
import { readIfThere, writeFileDurable } from './durable-file';
import type { Mutex } from './mutex';

/** Why a store file could not be used; the caller decides how to recover. */
export class StoreDamagedError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file} is damaged: ${reason}`);
    this.name = 'StoreDamagedError';
  }
}

/**
 * lowdb adapter that fsyncs every write and refuses to read a damaged file as "empty".
 * (lowdb treats a file that parses to null as missing and would overwrite it with defaults.)
 */
export class DurableJsonFile<T> implements Adapter<T> {
  constructor(
    readonly file: string,
    private readonly schema: z.ZodType<T>,
  ) {}

  async read(): Promise<T | null> {
    const raw = await readIfThere(this.file);
    if (raw === null) return null;
    return parseStore(this.file, raw, this.schema);
  }

  async write(data: T): Promise<void> {
    await writeFileDurable(this.file, JSON.stringify(data, null, 1));
  }
}

export function parseStore<T>(file: string, raw: string, schema: z.ZodType<T>): T {
  if (raw.trim() === '') throw new StoreDamagedError(file, 'the file is empty');
  if (raw.includes('\u0000')) throw new StoreDamagedError(file, 'the file holds zero bytes (torn write?)');
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new StoreDamagedError(file, `not valid JSON (${(error as Error).message})`);
  }
  return checkShape(file, json, schema);
}

/** A value parsed from `file`, checked against its schema (parseStore, or part of a file already parsed). */
export function checkShape<T>(file: string, json: unknown, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new StoreDamagedError(file, `unexpected shape at ${issue?.path.join('.') || 'top level'}: ${issue?.message}`);
  }
  return parsed.data;
}

/** A lowdb database over a durable, validated JSON file. */
export function openJsonStore<T>(file: string, schema: z.ZodType<T>, defaults: T): Low<T> {
  return new Low(new DurableJsonFile(file, schema), defaults);
}

/**
 * The one way to change a store file: `apply` edits a copy, the copy is written durably,
 * and only then does it become current (`installed` runs after). A failed write leaves
 * everything as it was.
 */
export function mutateCopy<T, R>(db: Low<T>, mutex: Mutex, apply: (draft: T) => R, installed: () => void = () => {}): Promise<R> {
  return mutex.run(async () => {
    const draft = structuredClone(db.data);
    const result = apply(draft);
    await db.adapter.write(draft);
    db.data = draft;
    installed();
    return result;
  });
}
