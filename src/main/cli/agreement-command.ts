import type { AgreementReport, Figures, RelationAgreement } from '../../shared/agreement';
import { Archive } from '../core/archive';
import { agreementReport } from '../core/layers/agreement-report';
import type { Output } from './commands';
import { printable, table } from './format';

/**
 * `marginalia agreement [--doc ID…] [--layers a,b] [--json]`: agreement between annotators'
 * layers over the archive (or the documents named), per label and per document.
 */
export async function agreementCommand(archiveDir: string, options: { ids?: string[]; layers?: string[]; json?: boolean }, io: Output): Promise<number> {
  const archive = await Archive.open(archiveDir, { writable: false, owner: 'marginalia agreement' });
  try {
    const report = await agreementReport(archive, { ...(options.ids?.length ? { ids: options.ids } : {}), ...(options.layers?.length ? { layers: options.layers } : {}) });
    if (options.json) {
      io.out(JSON.stringify(report, null, 2));
      return 0;
    }
    if (report.layers.length < 2) {
      io.err(`marginalia: agreement needs two or more layers; found ${report.layers.length ? report.layers.join(', ') : 'none'} (import annotators' files with import-annotations --layer NAME)`);
      return 1;
    }
    io.out(renderReport(report));
    return 0;
  } finally {
    await archive.close();
  }
}

export function renderReport(report: AgreementReport): string {
  const out = [`Layers: ${report.layers.join(', ')}`, `Tokens: ${report.tokenization}`, '', 'All documents'];
  out.push(figureTable([['', report]]));
  if (report.labels.length) {
    out.push('', 'Per label');
    out.push(figureTable(report.labels.map((l) => [l.label, l])));
  }
  if (report.relations.types.length) {
    out.push('', 'Relations (ends matched by place, not label)');
    out.push(relationTable(report.relations));
  }
  out.push('', `Per document (${report.documents.length})`);
  out.push(figureTable(report.documents.map((d) => [`${d.docId} ${printable(d.title).slice(0, 40)}`, d])));
  return out.join('\n');
}

const HEAD = ['', 'PAIR', 'TOKENS', 'ALPHA', 'KAPPA', 'AGREE%', 'F1 EXACT', 'F1 OVERLAP', 'P/R EXACT'];

function figureTable(rows: [string, Figures][]): string {
  const lines: string[][] = [HEAD];
  for (const [name, f] of rows) {
    lines.push([name, 'all', String(f.tokens), num(f.alpha), '', '', '', '', '']);
    for (const p of f.pairs) lines.push(['', `${p.a}–${p.b}`, String(p.tokens), '', num(p.kappa), pct(p.observed), num(p.exact.f1), num(p.overlap.f1), `${num(p.exact.precision)}/${num(p.exact.recall)}`]);
  }
  return table(lines);
}

function relationTable(r: RelationAgreement): string {
  const lines: string[][] = [['', 'PAIR', 'RELATIONS', 'F1 EXACT', 'F1 OVERLAP', 'P/R EXACT']];
  for (const [name, counts, pairs] of [['all types', r.relations, r.pairs], ...r.types.map((t) => [t.type, t.relations, t.pairs] as const)] as const) {
    lines.push([name, 'all', Object.values(counts).join('/'), '', '', '']);
    for (const p of pairs) lines.push(['', `${p.a}–${p.b}`, '', num(p.exact.f1), num(p.overlap.f1), `${num(p.exact.precision)}/${num(p.exact.recall)}`]);
  }
  return table(lines);
}

const num = (n: number | null) => (n === null ? '—' : n.toFixed(3));
const pct = (n: number | null) => (n === null ? '—' : (100 * n).toFixed(1));

