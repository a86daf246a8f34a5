import { createHash } from 'node:crypto';

/**
 * Three-way merge of one record, field by field (nested objects by their fields): what only one
 * side changed since the common base is taken; what both changed differently keeps the later
 * value and reports the other, so that no edit is lost. Pure: no disk, no network.
 */
export interface FieldConflict {
  /** the field's path, e.g. "meta.title" or "note" */
  path: string;
  kept: unknown;
  other: unknown;
  /** whose value was kept */
  keptFrom: 'local' | 'server';
}

export interface MergeResult {
  value: unknown;
  conflicts: FieldConflict[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** JSON with keys sorted: two records are equal exactly when these strings are. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (isObject(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v));
}

export const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/** A short digest of a record's canonical JSON. */
export const digest = (value: unknown) => createHash('sha1').update(canonical(value)).digest('base64');

/** Timestamps of the record itself: both sides' edits are kept, so the newer stamp is simply taken. */
const STAMPS = new Set(['updatedAt', 'noteUpdatedAt']);

/** Values that are one thing to the user (a note's rich text, a span): two versions of them are never blended. */
const WHOLE = new Set(['note', 'comment', 'target', 'geometry']);

/** Which side changed last: the record's own updatedAt (or a note's noteUpdatedAt) where both have one, else the local edit, which reaches the server last. */
export function localIsLater(local: unknown, server: unknown): boolean {
  const stamp = (v: unknown): string | undefined => {
    if (!isObject(v)) return undefined;
    for (const key of ['updatedAt', 'noteUpdatedAt']) if (typeof v[key] === 'string') return v[key];
    return isObject(v.meta) && typeof v.meta.updatedAt === 'string' ? v.meta.updatedAt : undefined;
  };
  const a = stamp(local);
  const b = stamp(server);
  return a === undefined || b === undefined ? true : a >= b;
}

export function mergeRecord(base: unknown, local: unknown, server: unknown): MergeResult {
  const conflicts: FieldConflict[] = [];
  const localLater = localIsLater(local, server);
  const walk = (b: unknown, l: unknown, s: unknown, path: string): unknown => {
    if (same(l, s)) return l;
    if (same(b, l)) return s;
    if (same(b, s)) return l;
    if (isObject(l) && isObject(s) && !WHOLE.has(path.split('.').pop()!)) {
      const out: Json = {};
      const bo = isObject(b) ? b : {};
      for (const key of new Set([...Object.keys(l), ...Object.keys(s)])) {
        const value = STAMPS.has(key) ? [l[key], s[key]].filter((v) => v !== undefined).sort().pop() : walk(bo[key], l[key], s[key], path ? `${path}.${key}` : key);
        if (value !== undefined) out[key] = value;
      }
      return out;
    }
    const kept = localLater ? l : s;
    conflicts.push({ path, kept, other: localLater ? s : l, keptFrom: localLater ? 'local' : 'server' });
    return kept;
  };
  return { value: walk(base, local, server, ''), conflicts };
}

/** Sets a field by its path (the pick of a conflict); an empty path replaces the whole value. */
export function setPath(value: unknown, path: string, field: unknown): unknown {
  if (!path) return field;
  const [head, ...rest] = path.split('.');
  const obj = isObject(value) ? { ...value } : {};
  const next = setPath(obj[head!], rest.join('.'), field);
  if (next === undefined) delete obj[head!];
  else obj[head!] = next;
  return obj;
}
