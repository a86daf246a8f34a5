import { DOC_EXTENSIONS } from '../../../shared/model';
import { buildPlainTextDocument } from '../../../shared/text/blocks';
import { normaliseText } from '../../../shared/text/normalise';
import { deriveTitle } from '../../../shared/text/title';
import { decodeText } from './decode';
import { ImportError, type Importer, type ParsedDocument } from './types';

export const txtImporter: Importer = {
  type: 'txt',
  extensions: DOC_EXTENSIONS.txt,
  async parse(bytes: Uint8Array, fileName: string): Promise<ParsedDocument> {
    const { text: raw, encoding } = decodeText(bytes, fileName);
    const { text, blocks } = buildPlainTextDocument(normaliseText(raw));
    if (blocks.length === 0) throw new ImportError('empty file');
    return { text, blocks, title: deriveTitle({ text, blocks }), encoding };
  },
};
