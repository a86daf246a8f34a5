import { ApiError } from '../../../shared/api';
import type { DocumentMeta } from '../../../shared/model';
import type { Archive } from '../archive';
import type { DocHints, IncomingDoc } from './types';

/** The last path segment of an IRI, decoded: file:///x/report.txt -> report.txt */
function lastSegment(iri: string): string {
  const path = iri.replace(/[?#].*$/, '');
  try {
    return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
  } catch {
    return path.slice(path.lastIndexOf('/') + 1);
  }
}

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
  async find(match: IncomingDoc['match']): Promise<{ id: string; text: string } | string> {
    if ('find' in match) return this.byHints(match.find);
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

  /**
   * A W3C target's document in any archive: ours by id when this archive holds it, else the
   * one document whose file name is the source's last segment, else the one titled as the
   * collection, else the one holding every quote. Two candidates are never guessed between.
   */
  private async byHints(hints: DocHints): Promise<{ id: string; text: string } | string> {
    const metas = this.archive.list();
    const one = async (found: DocumentMeta[], how: string): Promise<{ id: string; text: string } | string | null> => {
      if (found.length === 1) return { id: found[0]!.id, text: await this.text(found[0]!.id) };
      if (found.length > 1) return `${found.length} documents match its ${how} (${found.slice(0, 3).map((m) => JSON.stringify(m.title)).join(', ')}): not guessed between`;
      return null;
    };
    if (hints.docId && metas.some((m) => m.id === hints.docId)) return { id: hints.docId, text: await this.text(hints.docId) };
    const file = hints.source ? lastSegment(hints.source) : '';
    const tried =
      (file ? await one(metas.filter((m) => m.sourceName === file), `source file name ${file}`) : null) ??
      (hints.title ? await one(metas.filter((m) => m.title === hints.title), `title ${JSON.stringify(hints.title)}`) : null);
    if (tried) return tried;
    const quotes = [...new Set(hints.quotes)].slice(0, 20);
    if (!quotes.length) return `no document of this archive is ${hints.docId ? `document ${hints.docId}` : `named by ${JSON.stringify(hints.source ?? '')}`}, and it has no quotes to find one by`;
    const holding: DocumentMeta[] = [];
    for (const meta of metas) {
      const text = await this.text(meta.id);
      if (quotes.every((q) => text.includes(q))) holding.push(meta);
    }
    return (await one(holding, 'quotes')) ?? `no document of this archive holds its quotes (nor matches its source ${JSON.stringify(hints.source ?? hints.docId ?? '')} or title)`;
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
