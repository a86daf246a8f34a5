import { labelToken } from '../../../shared/export/annotations';
import type { Label, RichDoc } from '../../../shared/model';
import type { ImportReport } from './types';

/** How many reasons a report lists before it summarises the rest. */
const MAX_REASONS = 50;

/** Comments arrive as plain text or Markdown source: kept as text, paragraphs and line breaks intact. */
export function textToRich(text: string): RichDoc {
  const paragraphs = text.trim().split(/\n\s*\n/);
  return {
    type: 'doc',
    content: paragraphs.map((p) => ({
      type: 'paragraph',
      content: p.split('\n').flatMap((line, i) => [...(i ? [{ type: 'hardBreak' }] : []), ...(line ? [{ type: 'text', text: line }] : [])]),
    })),
  };
}

export function skip(report: ImportReport, reason: string): void {
  report.skipped++;
  if (report.reasons.length < MAX_REASONS) report.reasons.push(reason);
  else if (report.reasons.length === MAX_REASONS) report.reasons.push('… and more');
}

export function findLabel(labels: readonly Label[], name: string | undefined): string | undefined {
  return labels.find((l) => l.id === name || labelToken(l.id) === name)?.id;
}

