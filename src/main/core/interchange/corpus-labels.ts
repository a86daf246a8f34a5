import type { Label, RelationType } from '../../../shared/model';
import type { Archive } from '../archive';

/** What brat's annotation.conf and visual.conf say about types: entity types, relation types with their ends, colours. */
export interface BratConf {
  entities: string[];
  relations: { id: string; from: string[]; to: string[]; symmetric: boolean }[];
  /** type -> #rrggbb (visual.conf bgColor) */
  colors: Record<string, string>;
}

/** As the contract checks label ids (contract/fields.ts labelId). */
const LABEL_ID = /^[A-Za-z0-9_-]{1,40}$/;
/** The label set holds at most this many (contract/entities.ts labels.save). */
const MAX_LABELS = 50;
/** Colours for labels a corpus brings, told apart from each other and from the defaults' hues. */
const PALETTE = ['#b45309', '#0f766e', '#9333ea', '#be123c', '#1d4ed8', '#4d7c0f', '#c2410c', '#0e7490', '#a21caf', '#15803d', '#6d28d9', '#b91c1c', '#0369a1', '#854d0e', '#047857', '#7e22ce'];

/** A colour of the palette no label has yet. */
export function freeColour(labels: readonly { color: string }[]): string {
  const used = new Set(labels.map((l) => l.color.toLowerCase()));
  return PALETTE.find((c) => !used.has(c)) ?? PALETTE[labels.length % PALETTE.length]!;
}

/**
 * Reads brat's annotation.conf (and visual.conf when given): the [entities] section's
 * types (indentation is hierarchy, "!" marks a type that cannot be annotated), the
 * [relations] section's "TYPE<TAB>Arg1:A|B, Arg2:C" lines, and visual.conf's bgColor.
 */
export function parseBratConf(annotationConf: string, visualConf = ''): BratConf {
  const conf: BratConf = { entities: [], relations: [], colors: {} };
  let section = '';
  for (const raw of annotationConf.split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) continue;
    const head = /^\[(\w+)\]$/.exec(line);
    if (head) {
      section = head[1]!.toLowerCase();
      continue;
    }
    if (section === 'entities' && !line.startsWith('!') && !line.startsWith('<')) conf.entities.push(line.split(/\s/)[0]!);
    if (section === 'relations' && !line.startsWith('<')) {
      const [id = '', args = ''] = line.split(/\t+|\s{2,}|\s(?=Arg1)/);
      if (!LABEL_ID.test(id)) continue;
      const arg = (n: string) => (new RegExp(`Arg${n}:([^,]+)`).exec(args)?.[1] ?? '').split('|').map((s) => s.trim()).filter((s) => s && !s.startsWith('<'));
      conf.relations.push({ id, from: arg('1'), to: arg('2'), symmetric: /<REL-TYPE>:symmetric/.test(args) });
    }
  }
  section = '';
  for (const raw of visualConf.split(/\r?\n/)) {
    const line = raw.replace(/#(?![0-9a-fA-F]{6}\b).*$/, '').trim();
    const head = /^\[(\w+)\]$/.exec(line);
    if (head) section = head[1]!.toLowerCase();
    else if (section === 'drawing') {
      const m = /^(\S+)\s+.*bgColor:(#[0-9a-fA-F]{6})/.exec(line);
      if (m) conf.colors[m[1]!] = m[2]!.toLowerCase();
    }
  }
  return conf;
}

/**
 * Creates the labels and relation types named (by the files or by a brat annotation.conf)
 * that the archive lacks, each with a colour, in one write of each set. Names that cannot
 * be label ids, or that would pass the label set's size, are refused with the reason.
 */
export async function ensureLabels(archive: Archive, labelNames: readonly string[], relationNames: readonly string[], conf?: BratConf): Promise<{ created: string[]; refused: string[] }> {
  const created: string[] = [];
  const refused: string[] = [];
  const labels = [...archive.entities.labels()];
  const known = (name: string) => labels.some((l) => l.id === name);
  const used = new Set(labels.map((l) => l.color.toLowerCase()));
  const colour = (name: string) => {
    const given = conf?.colors[name];
    const pick = given ?? PALETTE.find((c) => !used.has(c)) ?? PALETTE[labels.length % PALETTE.length]!;
    used.add(pick);
    return pick;
  };
  for (const name of new Set([...(conf?.entities ?? []), ...labelNames])) {
    if (known(name)) continue;
    if (!LABEL_ID.test(name)) refused.push(`label ${JSON.stringify(name)} was not created: a label id is 1–40 letters, digits, _ or - (map it onto one with --map ${name}=LABEL)`);
    else if (labels.length >= MAX_LABELS) refused.push(`label ${name} was not created: the label set holds at most ${MAX_LABELS} (map it onto an existing one with --map ${name}=LABEL)`);
    else {
      labels.push({ id: name, name, color: colour(name) } satisfies Label);
      created.push(name);
    }
  }
  if (created.length) await archive.entities.saveLabels(labels);

  const types = [...archive.relations.types()];
  const fresh: string[] = [];
  const confTypes = new Map((conf?.relations ?? []).map((r) => [r.id, r]));
  for (const name of new Set([...(conf?.relations ?? []).map((r) => r.id), ...relationNames])) {
    if (types.some((t) => t.id === name)) continue;
    if (!LABEL_ID.test(name)) {
      refused.push(`relation type ${JSON.stringify(name)} was not created: an id is 1–40 letters, digits, _ or - (map it with --map ${name}=TYPE)`);
      continue;
    }
    const c = confTypes.get(name);
    const ends = (names: string[] | undefined) => (names ?? []).filter(known);
    types.push({ id: name, name, color: colour(name), fromLabels: ends(c?.from), toLabels: ends(c?.to), directed: !c?.symmetric } satisfies RelationType);
    fresh.push(name);
  }
  if (fresh.length) await archive.relations.saveTypes(types);
  return { created: [...created, ...fresh], refused };
}
