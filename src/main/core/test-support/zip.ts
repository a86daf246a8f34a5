import { ZipFile } from 'yazl';

/** A zip made in memory (EPUB, ODT and DOCX fixtures): entries in order; `store` leaves one uncompressed (EPUB's mimetype). */
export async function makeZip(entries: { name: string; data: string | Uint8Array; store?: boolean }[]): Promise<Uint8Array> {
  const zip = new ZipFile();
  for (const e of entries) {
    zip.addBuffer(Buffer.from(typeof e.data === 'string' ? new TextEncoder().encode(e.data) : e.data), e.name, {
      compress: !e.store,
      mtime: new Date(Date.UTC(2026, 0, 1)),
    });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}
