/**
 * The backup's zip, written by zip-stream (archiver's zip writer, from the compress-commons
 * family): ZIP64 records where the number of entries (> 65,535) or the offsets (> 4 GB)
 * need them, UTF-8 names, and a deflate stream with its CRC-32 per entry.
 *
 * Why zip-stream and not our own writer (which replaced yazl, whose search for the next
 * entry is n² in the number of files): on one 40,000-file archive (189 MB), alternated at
 * load ~6, zip-stream backed up at 15.7-16.2 MB/s against 15.9-16.9 MB/s for our writer
 * fed pre-deflated entries from 32 parallel reads; @zip.js/zip.js 2.24.0 (passThrough with
 * our CRC-32) reached 4.2-4.4 MB/s (~0.8 ms of main-thread CPU per entry); fflate 0.8.3
 * writes no ZIP64 at all (bench/RESULTS.md, "Backup zip writer"). So the well-kept library
 * does the job, at the cost of deflating each file in the writer's order instead of 32 at once.
 */
import type { FileHandle } from 'node:fs/promises';
import { Writable, type Readable } from 'node:stream';
import type ZipStream from 'zip-stream';

/** Writes are gathered up to this size before they go to the file. */
const FLUSH_BYTES = 1024 * 1024;

export interface ZipEntryInfo {
  name: string;
  mtime: Date;
  /** Unix permission bits of the regular file */
  mode: number;
  /** stored as it is (already compressed formats), else deflated at level 1 */
  store: boolean;
}

export class ZipOutput {
  private readonly written: Promise<void>;

  /** Writes into `handle` from offset 0; the caller syncs and closes it. */
  static async open(handle: FileHandle): Promise<ZipOutput> {
    const { default: ZipStreamClass } = await import('zip-stream'); // loaded when first needed: start-up does not pay for it
    return new ZipOutput(handle, new ZipStreamClass({ zlib: { level: 1 } }));
  }

  private constructor(
    handle: FileHandle,
    private readonly zip: ZipStream,
  ) {
    let position = 0;
    const write = async (data: Buffer) => {
      for (let done = 0; done < data.length; ) done += (await handle.write(data, done, data.length - done, position + done)).bytesWritten;
      position += data.length;
    };
    const out = new Writable({
      highWaterMark: FLUSH_BYTES,
      writev: (chunks, callback) => void write(Buffer.concat(chunks.map((c) => c.chunk as Buffer))).then(() => callback(), callback),
    });
    this.written = new Promise((resolve, reject) => {
      out.once('finish', resolve);
      out.once('error', reject);
      this.zip.once('error', reject);
    });
    this.written.catch(() => undefined); // awaited by finish; an entry's failure rejects add first
    this.zip.pipe(out);
  }

  /** One entry from the file's own bytes, whole or streamed (a failure of the stream fails the entry). */
  add(info: ZipEntryInfo, data: Buffer | Readable): Promise<void> {
    return new Promise((resolve, reject) => {
      this.zip.entry(data, { name: info.name, date: info.mtime, mode: info.mode, store: info.store }, (error) => (error ? reject(error) : resolve()));
    });
  }

  /** The central directory and end records; the file is complete (not yet fsynced) when this resolves. */
  async finish(): Promise<void> {
    this.zip.finish();
    await this.written;
  }
}
