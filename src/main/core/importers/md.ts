import { DOC_EXTENSIONS } from '../../../shared/model';
import { parse as parseYaml } from 'yaml';
import { normaliseText } from '../../../shared/text/normalise';
import { deriveTitle } from '../../../shared/text/title';
import { decodeText } from './decode';
import { markdownToDocument } from './md-blocks';
import { parseMarkdown } from './md-parse';
import { ImportError, type Importer, type ParsedDocument } from './types';

export const mdImporter: Importer = {
  type: 'md',
  extensions: DOC_EXTENSIONS.md,
  async parse(bytes: Uint8Array, fileName: string): Promise<ParsedDocument> {
    const { text: raw, encoding } = decodeText(bytes, fileName);
    const tree = parseMarkdown(normaliseText(raw));
    const { text, blocks } = markdownToDocument(tree.children);
    if (blocks.length === 0) throw new ImportError('empty file');
    const yaml = tree.children.find((node) => node.type === 'yaml');
    const frontMatterTitle = yaml && 'value' in yaml ? titleFromFrontMatter(yaml.value) : undefined;
    return { text, blocks, title: deriveTitle({ frontMatterTitle, text, blocks }), encoding };
  },
};

/** The front matter's title, if it parses and has one. A broken front matter is not fatal. */
export function titleFromFrontMatter(source: string): string | undefined {
  let data: unknown;
  try {
    data = parseYaml(source, { logLevel: 'error' });
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null || !('title' in data)) return undefined;
  const title = (data as { title: unknown }).title;
  if (typeof title === 'string') return title;
  if (typeof title === 'number') return String(title);
  return undefined;
}
