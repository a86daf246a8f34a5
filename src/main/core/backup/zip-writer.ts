/**
 * Writes the backup's zip into a file: runs of entries whose local headers and bytes the
 * workers built (backup-worker.ts), a large file streamed with its header patched in place
 * afterwards, then the central directory (zip-format.ts). yauzl and unzip read it.
 *
 * Why our own writer and not zip-stream (archiver's, which the backup used until issue #19
 * item 4): zip-stream compresses each entry itself, in its own deflate stream and zlib
 * context on the main thread's event loop, ~190 µs of CPU per entry (40,000 entries of 3 KB
 * in memory: 7.8 s of CPU, 5 MB/s at load 13), against ~14 µs to deflate the same entry
 * with deflateRawSync. An archive holds ~4 small files per document, so that cost per
 * entry capped the backup near 15 MB/s whatever else was done. No zip library we know
 * takes entries already deflated (with their CRC-32) and writes ZIP64: @zip.js/zip.js
 * (passThrough, web streams: ~0.8 ms per entry), fflate (no ZIP64), yazl (deflates itself).
 */
import type { FileHandle } from 'node:fs/promises';
import { crc32, deflateRawSync } from 'node:zlib';
import { centralRecord, DEFLATED, endRecords, localHeader, MAX32, STORED, type CentralEntry } from './zip-format';

/** Central directory records are gathered up to this size before they go to the file. */
const FLUSH_BYTES = 1024 * 1024;

/** An entry in a run of packed bytes: its central record less the offset, and where its local header starts in the run. */
export type PackedEntry = Omit<CentralEntry, 'offset' | 'name'> & { name: Buffer; at: number };

export class ZipWriter {
  private readonly entries: CentralEntry[] = [];
  /** the end of what is written or reserved */
  private position = 0;
  private readonly inFlight = new Set<Promise<void>>();

  /** Writes into `handle` from offset 0; the caller syncs and closes it. */
  constructor(private readonly handle: FileHandle) {}

  /**
   * Entries whose local headers and bytes lie one after the other in `bytes` (as a worker
   * packed them). Their place is taken at once, so runs from several workers are written
   * side by side; addStream and finish wait for them.
   */
  addPacked(bytes: Buffer, packed: readonly PackedEntry[]): Promise<void> {
    const base = this.position;
    this.position += bytes.length;
    for (const p of packed) this.entries.push({ name: p.name, method: p.method, time: p.time, date: p.date, crc: p.crc, compressed: p.compressed, size: p.size, mode: p.mode, offset: base + p.at });
    const written = this.writeAt(bytes, base);
    this.inFlight.add(written);
    written.then(() => this.inFlight.delete(written), () => undefined);
    return written;
  }

  /** One entry from its whole bytes, deflated here at level 1 unless `store` (the manifest). */
  addWhole(entry: Omit<CentralEntry, 'offset' | 'crc' | 'compressed' | 'size' | 'method'>, data: Buffer, store: boolean): Promise<void> {
    const deflated = store || data.length === 0 ? null : deflateRawSync(data, { level: 1 });
    const keep = deflated && deflated.length < data.length ? deflated : null;
    const e = { ...entry, method: keep ? DEFLATED : STORED, crc: crc32(data), compressed: (keep ?? data).length, size: data.length };
    const header = localHeader(e, false);
    return this.addPacked(Buffer.concat([header, keep ?? data]), [{ ...e, at: 0 }]);
  }

  /**
   * An entry streamed from `chunks` (already compressed as `method` says): its header is
   * written with room for ZIP64 sizes when `sizeHint` might pass 4 GB, and its CRC-32 and
   * sizes are written into it once known.
   */
  async addStream(entry: Omit<CentralEntry, 'offset' | 'crc' | 'compressed' | 'size'>, sizeHint: number, chunks: AsyncIterable<Buffer>, result: () => { crc: number; size: number }): Promise<void> {
    await Promise.all(this.inFlight);
    const central: CentralEntry = { ...entry, crc: 0, compressed: 0, size: 0, offset: this.position };
    const zip64 = sizeHint >= MAX32 - 64 * 1024 * 1024;
    await this.write([localHeader(central, zip64)]);
    let compressed = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    for await (const chunk of chunks) {
      compressed += chunk.length;
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes >= FLUSH_BYTES) {
        await this.write(pending);
        pending = [];
        pendingBytes = 0;
      }
    }
    await this.write(pending);
    const { crc, size } = result();
    Object.assign(central, { crc, compressed, size });
    if (!zip64 && (compressed >= MAX32 || size >= MAX32)) throw new Error(`${entry.name.toString()} grew past 4 GB while it was backed up`);
    const patched = localHeader(central, zip64);
    await this.handle.write(patched, 0, patched.length, central.offset);
    this.entries.push(central);
  }

  /** The central directory and its end records; the file is complete (not yet fsynced) when this resolves. */
  async finish(): Promise<void> {
    await Promise.all(this.inFlight);
    const start = this.position;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    for (const e of this.entries) {
      const record = centralRecord(e);
      pending.push(record);
      pendingBytes += record.length;
      if (pendingBytes >= FLUSH_BYTES) {
        // one buffer per write: a writev of ~10,000 records would go out IOV_MAX at a time
        await this.write([Buffer.concat(pending)]);
        pending = [];
        pendingBytes = 0;
      }
    }
    await this.write([Buffer.concat(pending)]);
    await this.write([endRecords(this.entries.length, start, this.position - start)]);
  }

  private async writeAt(bytes: Buffer, position: number): Promise<void> {
    for (let done = 0; done < bytes.length; ) done += (await this.handle.write(bytes, done, bytes.length - done, position + done)).bytesWritten;
  }

  /** Appends at the end (only once no run is in flight). */
  private async write(buffers: Buffer[]): Promise<void> {
    const bytes = buffers.reduce((n, b) => n + b.length, 0);
    let written = 0;
    while (written < bytes) written += (await this.handle.writev(written ? remaining(buffers, written) : buffers, this.position + written)).bytesWritten;
    this.position += bytes;
  }
}

/** The buffers after the first `skip` bytes (a short writev). */
function remaining(buffers: Buffer[], skip: number): Buffer[] {
  const out: Buffer[] = [];
  for (const b of buffers) {
    if (skip >= b.length) skip -= b.length;
    else {
      out.push(skip ? b.subarray(skip) : b);
      skip = 0;
    }
  }
  return out;
}
