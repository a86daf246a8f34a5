/** Prototype: the backup's zip written by @zip.js/zip.js (pre-deflated entries passed through with their CRC-32). */
import type { FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { configure, Uint8ArrayReader, ZipWriter as ZipJs } from '@zip.js/zip.js';
import type { ZipEntryInfo } from './zip-writer';

configure({ useWebWorkers: false });
const FLUSH_BYTES = 1024 * 1024;

export class ZipJsWriter {
  private readonly zip: ZipJs<unknown>;
  private position = 0;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;

  constructor(private readonly handle: FileHandle) {
    const writable = new WritableStream<Uint8Array>({
      write: async (chunk) => {
        this.pending.push(chunk);
        this.pendingBytes += chunk.length;
        if (this.pendingBytes >= FLUSH_BYTES) await this.flush();
      },
      close: () => this.flush(),
    });
    this.zip = new ZipJs(writable, { useWebWorkers: false, extendedTimestamp: false, dataDescriptor: false });
  }

  async add(info: ZipEntryInfo, method: number, data: Buffer, crc: number, size: number): Promise<void> {
    await this.zip.add(info.name, new Uint8ArrayReader(data), { passThrough: true, compressionMethod: method, crc32: crc, uncompressedSize: size, lastModDate: info.mtime, unixMode: 0o100000 | (info.mode ?? 0o644) });
  }

  /** `chunks` are the file's own bytes: zip.js compresses them (level 1) or stores them (level 0) and computes the CRC-32. */
  async addStream(info: ZipEntryInfo, method: number, sizeHint: number, chunks: AsyncIterable<Buffer>): Promise<void> {
    const stream = Readable.toWeb(Readable.from(chunks)) as unknown as ReadableStream<Uint8Array>;
    await this.zip.add(info.name, stream, { level: method ? 1 : 0, uncompressedSize: sizeHint, lastModDate: info.mtime, unixMode: 0o100000 | (info.mode ?? 0o644) });
  }

  async finish(): Promise<void> {
    await this.zip.close();
  }

  private async flush(): Promise<void> {
    if (!this.pendingBytes) return;
    const buffers = this.pending;
    const bytes = this.pendingBytes;
    this.pending = [];
    this.pendingBytes = 0;
    let written = 0;
    const all = Buffer.concat(buffers, bytes);
    while (written < bytes) {
      const { bytesWritten } = await this.handle.write(all, written, bytes - written, this.position + written);
      written += bytesWritten;
    }
    this.position += bytes;
  }
}
