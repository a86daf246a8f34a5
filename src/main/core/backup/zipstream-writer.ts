/** Prototype: the backup's zip written by zip-stream (archiver's zip writer; deflates each entry itself). */
import type { FileHandle } from 'node:fs/promises';
import { Writable, type Readable } from 'node:stream';
// @ts-expect-error no types shipped
import ZipStream from 'zip-stream';
import type { ZipEntryInfo } from './zip-writer';

export class ZipStreamWriter {
  private readonly zip: { entry(source: Buffer | Readable, data: object, cb: (e?: Error) => void): void; finish(): void; pipe(w: NodeJS.WritableStream): void };
  private readonly done: Promise<void>;

  constructor(handle: FileHandle) {
    this.zip = new ZipStream({ zlib: { level: 1 } });
    let position = 0;
    const write = async (all: Buffer) => {
      let written = 0;
      while (written < all.length) written += (await handle.write(all, written, all.length - written, position + written)).bytesWritten;
      position += all.length;
    };
    const out = new Writable({
      highWaterMark: 1024 * 1024,
      writev: (chunks, cb) => void write(Buffer.concat(chunks.map((c) => c.chunk as Buffer))).then(() => cb(), cb),
    });
    this.done = new Promise((ok, fail) => {
      out.once('finish', ok);
      out.once('error', fail);
    });
    this.zip.pipe(out);
  }

  /** `data` is the file's own bytes: zip-stream deflates it (or stores it) and computes the CRC-32. */
  add(info: ZipEntryInfo, method: number, data: Buffer | Readable): Promise<void> {
    return new Promise((ok, fail) => this.zip.entry(data, { name: info.name, date: info.mtime, mode: info.mode ?? 0o644, store: method === 0 }, (e) => (e ? fail(e) : ok())));
  }

  async finish(): Promise<void> {
    this.zip.finish();
    await this.done;
  }
}
