import { EXPORT_FORMATS, type ExportFormat } from '../../../shared/export/types';

export interface FormatChoice {
  format: ExportFormat;
  name: string;
  /** one line: what it is and what it is for */
  description: string;
}

const CHOICES: Record<ExportFormat, Omit<FormatChoice, 'format'>> = {
  markdown: { name: 'Markdown', description: 'Notes with front matter, highlights and comments, for Obsidian or pandoc.' },
  w3c: { name: 'W3C Web Annotation', description: 'JSON-LD, one annotation collection per document, for annotation tools.' },
  brat: { name: 'brat standoff', description: '.txt and .ann per document, with annotation.conf, for the brat annotation tool.' },
  conll: { name: 'CoNLL IOB2', description: 'Entity mentions as token and tag per line, for training NER models.' },
  doccano: { name: 'doccano JSONL', description: 'One document per line with its entity spans, for doccano.' },
  csv: { name: 'CSV of mentions', description: 'One row per entity mention, for spreadsheets.' },
};

export const FORMAT_CHOICES: readonly FormatChoice[] = EXPORT_FORMATS.map((format) => ({ format, ...CHOICES[format] }));

export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
