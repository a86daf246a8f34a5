import { ApiError } from '../../../shared/api';
import type { Archive } from '../archive';

/**
 * Finds the document an incoming file belongs to: by id (W3C targets name it), or by
 * exact equality of text (doccano and brat carry the text). Only documents of the same
 * length are read, so matching stays cheap in a large archive.
 */
export class DocumentFinder {
  private readonly texts = new Map<string, string>();
  private readonly created = new Map<string, string>();

  constructor(private readonly archive: Archive) {}

  /** The document, or why there is none. */
  async find(match: { text: string } | { docId: string }): Promise<{ id: string; text: string } | string> {
    if ('docId' in match) {
      try {
        return { id: match.docId, text: await this.text(match.docId) };
      } catch (error) {
        if (error instanceof ApiError && error.code === 'not_found') return `document ${match.docId} is not in this archive`;
        throw error;
      }
    }
    if (!match.text) return 'no text to match a document by';
    const made = this.created.get(match.text);
    if (made) return { id: made, text: match.text };
    // Duplicates are refused at import, so two equal texts are rare; the oldest import wins, predictably.
    const candidates = this.archive
      .list()
      .filter((meta) => meta.textLength === match.text.length)
      .sort((a, b) => (a.importedAt < b.importedAt ? -1 : a.importedAt > b.importedAt ? 1 : a.id < b.id ? -1 : 1));
    for (const meta of candidates) {
      if ((await this.text(meta.id)) === match.text) return { id: meta.id, text: match.text };
    }
    return 'its text matches no document of the archive exactly';
  }

  /** A document created during this import (its text known): found by it from now on. */
  remember(id: string, text: string): void {
    this.texts.set(id, text);
    this.created.set(text, id);
  }

  private async text(id: string): Promise<string> {
    let text = this.texts.get(id);
    if (text === undefined) {
      text = (await this.archive.get(id)).text;
      this.texts.set(id, text);
    }
    return text;
  }
}
