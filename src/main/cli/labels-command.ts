import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ApiError } from '../../shared/api';
import { Archive } from '../core/archive';
import { ensureLabels, freeColour, parseBratConf } from '../core/interchange/corpus-labels';
import type { Output } from './commands';
import { printable } from './format';

const LABEL_ID = /^[A-Za-z0-9_-]{1,40}$/;
const COLOUR = /^#[0-9a-fA-F]{6}$/;

/** `marginalia labels list|add|remove|import`: the label set from the command line. Returns the exit code. */
export async function labelsCommand(archiveDir: string, action: string, args: string[], opts: { color?: string; to?: string; json?: boolean }, io: Output): Promise<number> {
  if (!['list', 'add', 'remove', 'import'].includes(action)) {
    io.err(`marginalia: labels ${JSON.stringify(action)}: one of list, add, remove, import`);
    return 2;
  }
  const archive = await Archive.open(archiveDir, { writable: action !== 'list', owner: `marginalia labels ${action}` });
  try {
    if (action === 'add') {
      const [id, ...name] = args;
      if (!id || !LABEL_ID.test(id)) throw new ApiError('invalid_input', `labels add: ${JSON.stringify(id ?? '')} is not a label id (1–40 letters, digits, _ or -)`);
      if (opts.color && !COLOUR.test(opts.color)) throw new ApiError('invalid_input', `labels add: --color ${opts.color} is not #rrggbb`);
      if (archive.entities.labels().some((l) => l.id === id)) throw new ApiError('invalid_input', `labels add: the label ${id} exists already`);
      const labels = archive.entities.labels();
      await archive.entities.saveLabels([...labels, { id, name: name.join(' ') || id, color: opts.color ?? freeColour(labels) }]);
    } else if (action === 'remove') {
      const [id] = args;
      if (!id) throw new ApiError('invalid_input', 'labels remove: which label? (an id, see labels list)');
      await archive.entities.deleteLabel(id, opts.to ? { mentions: 'relabel', to: opts.to } : { mentions: 'delete' });
    } else if (action === 'import') {
      const [file] = args;
      if (!file) throw new ApiError('invalid_input', 'labels import: which annotation.conf?');
      const annotationConf = await readFile(file, 'utf8').catch((error: Error) => {
        throw new ApiError('not_found', `${file}: ${error.message}`);
      });
      const visualConf = await readFile(join(dirname(file), 'visual.conf'), 'utf8').catch(() => '');
      const conf = parseBratConf(annotationConf, visualConf);
      const { created, refused } = await ensureLabels(archive, [], [], conf);
      io.err(`${printable(file)}: created ${created.length ? created.join(', ') : 'nothing (every type is in the label set already)'}`);
      for (const reason of refused) io.err(`warning: ${printable(reason)}`);
    }
    const labels = archive.entities.labels();
    const types = archive.relations.types();
    if (opts.json) io.out(JSON.stringify({ labels, relationTypes: types }, null, 2));
    else {
      for (const l of labels) io.out(`${l.id.padEnd(12)} ${l.color}  ${printable(l.name)}`);
      if (types.length) io.out(`relation types: ${types.map((t) => t.id).join(', ')}`);
    }
    return 0;
  } finally {
    await archive.close();
  }
}

