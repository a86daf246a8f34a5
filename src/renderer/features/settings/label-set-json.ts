import type { Label } from '../../../shared/model';

/** The file a label set is exported to and imported from. */
export interface LabelSetFile {
  format: 'marginalia-labels';
  version: 1;
  labels: Label[];
}

const ID = /^[A-Za-z0-9_-]{1,40}$/;
const COLOR = /^#[0-9a-fA-F]{6}$/;

export function labelSetJson(labels: readonly Label[]): string {
  const file: LabelSetFile = { format: 'marginalia-labels', version: 1, labels: labels.map(({ id, name, color }) => ({ id, name, color })) };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * Reads an exported label set (or a bare array of labels, as other tools write them) and
 * checks its shape: the labels, or every problem found, for the user to read.
 */
export function parseLabelSet(json: string): { labels: Label[] } | { errors: string[] } {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return { errors: ['The file is not JSON.'] };
  }
  const list = Array.isArray(data) ? data : isObject(data) ? data.labels : undefined;
  if (!Array.isArray(list)) return { errors: ['Expected a list of labels, or an object with a "labels" list.'] };
  if (list.length === 0) return { errors: ['The label set is empty.'] };
  if (list.length > 50) return { errors: [`At most 50 labels; the file has ${list.length}.`] };
  const errors: string[] = [];
  const labels: Label[] = [];
  const seen = new Set<string>();
  list.forEach((item, i) => {
    const where = `Label ${i + 1}`;
    if (!isObject(item)) return void errors.push(`${where} is not an object.`);
    const { id, name, color } = item;
    if (typeof id !== 'string' || !ID.test(id)) errors.push(`${where}: id must be 1–40 letters, digits, _ or -.`);
    else if (seen.has(id)) errors.push(`${where}: the id ${id} appears twice.`);
    else seen.add(id);
    if (typeof name !== 'string' || !name.trim() || name.length > 60) errors.push(`${where}: name must be 1–60 characters.`);
    if (typeof color !== 'string' || !COLOR.test(color)) errors.push(`${where}: colour must be #rrggbb.`);
    if (typeof id === 'string' && typeof name === 'string' && typeof color === 'string') labels.push({ id, name: name.trim(), color: color.toLowerCase() });
  });
  return errors.length ? { errors } : { labels };
}

/** An id for a new label from its name: "Research group" → RESEARCH_GROUP, made unique. */
export function labelIdFor(name: string, taken: readonly string[]): string {
  const base =
    name
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .toUpperCase()
      .slice(0, 32) || 'LABEL';
  let id = base;
  for (let n = 2; taken.includes(id); n++) id = `${base}_${n}`;
  return id;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
