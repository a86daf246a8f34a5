import { createHash } from 'node:crypto';
import { copyFile, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Block, DocumentMeta } from '../../../shared/model';
import { buildPlainTextDocument } from '../../../shared/text/blocks';
import { documentProblems } from '../../../shared/text/document-check';
import { isErrno, writeFileDurable } from './durable-file';
import { parseStore } from './json-store';
import type { ArchiveLayout } from './layout';
import type { RepairsStore } from './repairs-store';
import { metaFileJson } from './new-meta';
import { documentMetaSchema } from './schemas';
import { carriedBlocks, findBlocks, parseFoundBlocks } from './stored-blocks';

export const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** Checksums of a document's text and blocks as they are written (the blocks' JSON is JSON.stringify(blocks), in meta.json or, before issue #19, blocks.json). */
export const documentChecks = (text: string, blocks: readonly Block[]) => ({ text: sha256(text), blocks: sha256(JSON.stringify(blocks)) });

export interface CheckDeps {
  layout: ArchiveLayout;
  repairs: RepairsStore;
  writable: boolean;
  /** the text the importer makes of the original file today (to restore a damaged text.txt) */
  reimport(bytes: Uint8Array, fileName: string): Promise<string>;
  /** stores checksums computed for a document imported before they were kept */
  saveChecks(meta: DocumentMeta): Promise<void>;
  /** a text.txt was rewritten: drop what is cached of it */
  textReplaced(id: string): void;
}

export interface CheckedDocument {
  text: string;
  blocks: Block[];
  /** blocks rebuilt for showing only: the file that holds them was left as it is */
  blocksInMemory: boolean;
}

/**
 * Checks a document's text.txt, blocks (in meta.json, or blocks.json) and meta.json against the checksums in its
 * metadata the first time it is read in a session, and repairs what it can: blocks are
 * rebuilt from the text, a text is restored by importing the original again (only when that
 * gives back exactly the text the annotations point into), meta.json is rewritten from the
 * library. Every repair is recorded; nothing damaged is overwritten without a copy set aside.
 */
export async function checkDocument(meta: DocumentMeta, deps: CheckDeps): Promise<CheckedDocument> {
  const { layout } = deps;
  const stamp = Date.now();
  const textFile = layout.docFile(meta.id, 'text.txt');
  const setAside = async (file: string): Promise<string | undefined> => {
    if (!deps.writable) return undefined;
    const aside = `${file}.damaged-${stamp}`;
    await copyFile(file, aside);
    return aside;
  };

  await checkMeta(meta, deps, setAside);

  // text.txt
  let text = await readFile(textFile, 'utf8');
  const textDamage = meta.checks
    ? sha256(text) !== meta.checks.text
      ? 'its checksum does not match the one taken at import'
      : null
    : text.length !== meta.textLength
      ? `it holds ${text.length} characters, the import stored ${meta.textLength}`
      : null;
  let textTrusted = textDamage === null;
  if (textDamage) {
    const restored = await restoreText(meta, deps).catch((error: unknown) => ({ error: (error as Error).message }));
    if ('text' in restored) {
      const aside = await setAside(textFile);
      if (deps.writable) {
        await writeFileDurable(textFile, restored.text);
        deps.textReplaced(meta.id);
      }
      text = restored.text;
      textTrusted = true;
      await deps.repairs.record({
        file: textFile,
        docId: meta.id,
        problem: `${textFile} is damaged: ${textDamage}`,
        action: `Restored from the original file (${restored.from}), which gives back exactly the text imported.`,
        ...(aside ? { setAsideAs: aside } : {}),
      });
    } else {
      await deps.repairs.record({
        file: textFile,
        docId: meta.id,
        problem: `${textFile} is damaged: ${textDamage}`,
        action: `Could not be restored from the original file (${restored.error}). The damaged text is shown; annotations may point at the wrong words. Restore the archive from a backup (marginalia restore) or import the file again.`,
      });
    }
  }

  // The blocks: in meta.json, or in blocks.json for a folder from before issue #19 (stored-blocks.ts).
  const found = await findBlocks(layout, meta.id);
  const blocksFile = found.file;
  let blocks: Block[] | null = null;
  let write = false;
  let blocksDamage: string | null = null;
  try {
    blocks = parseFoundBlocks(found);
    const json = found.in === 'nowhere' ? '' : found.json; // (parseFoundBlocks threw for nowhere)
    if (meta.checks && sha256(json) !== meta.checks.blocks) blocksDamage = found.in === 'meta.json' ? "its blocks' checksum does not match the one taken at import" : 'its checksum does not match the one taken at import';
    else if (!meta.checks && blocks.some((b) => b.end > text.length || b.start > b.end)) blocksDamage = 'its blocks run past the end of the text';
  } catch (error) {
    blocksDamage = (error as Error).message.replace(/^.* is damaged: /, '');
  }
  if (blocksDamage) {
    blocks = rebuildBlocks(text);
    // Rebuilt from a text that is itself damaged, the blocks are only for showing it: the file stays.
    write = deps.writable && textTrusted;
    const aside = write && found.in !== 'nowhere' ? await setAside(blocksFile) : undefined;
    const json = JSON.stringify(blocks);
    // A folder from before keeps its form (blocks.json); else the blocks go into meta.json, with their new checksum.
    if (write && found.in === 'blocks.json') await writeFileDurable(blocksFile, json);
    else if (write) await writeFileDurable(blocksFile, metaFileJson(meta.checks ? { ...meta, checks: { text: meta.checks.text, blocks: sha256(json) } } : meta, json));
    await deps.repairs.record({
      file: blocksFile,
      docId: meta.id,
      problem: `${blocksFile} is damaged: ${blocksDamage}`,
      action: write
        ? 'Rebuilt from the text (headings, paragraphs and lists found again; the text and the annotations are unchanged).'
        : 'Rebuilt from the text for showing only; the file was left as it is.',
      ...(aside ? { setAsideAs: aside } : {}),
    });
  }

  // Documents imported before checksums were kept get them now, from files that passed the other checks.
  if (!meta.checks && textTrusted && deps.writable) {
    await deps.saveChecks({ ...meta, checks: documentChecks(text, blocks!) });
  } else if (meta.checks && blocksDamage && deps.writable && textTrusted) {
    await deps.saveChecks({ ...meta, checks: { text: meta.checks.text, blocks: sha256(JSON.stringify(blocks)) } });
  }
  return { text, blocks: blocks!, blocksInMemory: blocksDamage !== null && !write };
}

async function checkMeta(meta: DocumentMeta, deps: CheckDeps, setAside: (file: string) => Promise<string | undefined>): Promise<void> {
  const file = deps.layout.docFile(meta.id, 'meta.json');
  let problem: string | null = null;
  let missing = false;
  let raw: string | null = null;
  try {
    raw = await readFile(file, 'utf8');
    const onDisk = parseStore(file, raw, documentMetaSchema);
    if (onDisk.id !== meta.id) problem = `${file} is damaged: it names document ${onDisk.id}`;
  } catch (error) {
    missing = isErrno(error, 'ENOENT');
    problem = missing ? `${file} is missing` : (error as Error).message;
  }
  if (!problem) return;
  const aside = missing ? undefined : await setAside(file);
  // With the blocks it holds, where it can still be parsed (they are checked next); else they are rebuilt from the text there.
  if (deps.writable) await writeFileDurable(file, metaFileJson(meta, carriedBlocks(raw)));
  await deps.repairs.record({
    file,
    docId: meta.id,
    problem,
    action: deps.writable ? 'Rewritten from library.json, which lists the same document.' : 'library.json lists the document; the file was left as it is (read-only).',
    ...(aside ? { setAsideAs: aside } : {}),
  });
}

/** Imports the original again; succeeds only when that gives back exactly the stored text. */
async function restoreText(meta: DocumentMeta, deps: CheckDeps): Promise<{ text: string; from: string }> {
  if (!deps.writable) throw new Error('the archive is open read-only');
  const dir = deps.layout.docDir(meta.id);
  const name = (await readdir(dir)).find((n) => /^original(\.[a-z0-9]+)?$/.test(n));
  if (!name) throw new Error('no original file is kept');
  const bytes = await readFile(join(dir, name));
  if (sha256(bytes) !== meta.sha256) throw new Error(`${name} is damaged too: its checksum does not match`);
  // A text stored as given (an annotated corpus's, see the txt importer's verbatim mode) is its original's UTF-8.
  const given = meta.checks && meta.type === 'txt' ? new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) : null;
  if (given !== null && sha256(given) === meta.checks!.text) return { text: given, from: name };
  const text = await deps.reimport(bytes, meta.sourceName);
  const matches = meta.checks ? sha256(text) === meta.checks.text : text.length === meta.textLength;
  if (!matches) throw new Error(`importing ${name} again gives a different text (the importer changed since)`);
  return { text, from: name };
}

/** Blocks for a text under the block convention: the plain-text builder's when it keeps the text as is, else one paragraph per blank-line-separated run. */
export function rebuildBlocks(text: string): Block[] {
  const built = buildPlainTextDocument(text);
  if (built.text === text && documentProblems(text, built.blocks).length === 0) return built.blocks;
  const blocks: Block[] = [];
  let at = 0;
  for (const part of text.split('\n\n')) {
    const lead = part.length - part.trimStart().length;
    const body = part.trim();
    if (body) blocks.push({ kind: body.includes('\n') ? 'code' : 'paragraph', start: at + lead, end: at + lead + body.length });
    at += part.length + 2;
  }
  return blocks;
}
