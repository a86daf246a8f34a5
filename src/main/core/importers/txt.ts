import { DOC_EXTENSIONS } from '../../../shared/model';
import { buildPlainTextDocument } from '../../../shared/text/blocks';
import { verbatimBlocks } from '../../../shared/text/verbatim-blocks';
import { normaliseText } from '../../../shared/text/normalise';
import { deriveTitle } from '../../../shared/text/title';
import { decodeText } from './decode';
import { ImportError, type Importer, type ParsedDocument, type ParseOptions } from './types';

export const txtImporter: Importer = {
  type: 'txt',
  extensions: DOC_EXTENSIONS.txt,
  async parse(bytes: Uint8Array, fileName: string, options = {}): Promise<ParsedDocument> {
    if ((options as ParseOptions).verbatim) {
      // Offsets of an annotated corpus count into the text as given: not a character changed.
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
      const blocks = verbatimBlocks(text);
      if (!blocks.length) throw new ImportError('empty file');
      return { text, blocks, title: deriveTitle({ text, blocks }), encoding: 'utf-8' };
    }
    const { text: raw, encoding } = decodeText(bytes, fileName);
    const { text, blocks } = buildPlainTextDocument(normaliseText(raw));
    if (blocks.length === 0) throw new ImportError('empty file');
    return { text, blocks, title: deriveTitle({ text, blocks }), encoding };
  },
};
