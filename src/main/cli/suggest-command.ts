import { offsetMap } from '../../shared/export/code-points';
import { Archive } from '../core/archive';
import type { Output } from './commands';
import { table } from './format';

/** `marginalia suggest ID`: what the reader would suggest, with where each suggestion came from. Offsets in code points. */
export async function suggestCommand(archiveDir: string, id: string, json: boolean, io: Output): Promise<number> {
  const archive = await Archive.open(archiveDir, { writable: false, owner: 'marginalia suggest' });
  try {
    const { text } = await archive.get(id);
    const map = offsetMap(text);
    const rows = (await archive.entities.suggestions(id)).map((s) => ({
      start: map.toCodePoint(s.start),
      end: map.toCodePoint(s.end),
      text: s.text,
      label: s.label,
      source: s.source,
      ...(s.entityId ? { entityId: s.entityId } : {}),
    }));
    if (json) io.out(JSON.stringify(rows, null, 2));
    else if (rows.length === 0) io.out('No suggestions for this document.');
    else io.out(table([['START', 'END', 'LABEL', 'SOURCE', 'TEXT'], ...rows.map((r) => [String(r.start), String(r.end), r.label, r.source, r.text.replace(/\s+/g, ' ')])]));
    return 0;
  } finally {
    await archive.close();
  }
}
