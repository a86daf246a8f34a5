import { inflateRawSync } from 'node:zlib';
import { ImportError } from './types';

export const ZIP_LIMITS = {
  /** total uncompressed bytes of all entries */
  maxTotal: 200 * 1024 * 1024,
  /** uncompressed : compressed, per entry and overall */
  maxRatio: 100,
  /** entries smaller than this are not ratio-checked: a 1 KB run of spaces compresses 1000:1 and harms no one */
  ratioFloor: 1024 * 1024,
  maxEntries: 10_000,
};

export interface ZipEntry {
  name: string;
  compressed: number;
  uncompressed: number;
  method: number;
  localOffset: number;
}

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;

/**
 * Checks a DOCX before anything unzips it: that it is a zip (a password-protected DOCX is
 * an OLE container instead), that its central directory is whole, and that it does not
 * expand into more than the limits allow (a zip bomb). The sizes come from the central
 * directory; since an entry can lie about its size (JSZip notices only after inflating
 * all of it), the XML parts mammoth reads are inflated here with a cap on the output.
 */
export function checkDocxZip(bytes: Uint8Array, limits = ZIP_LIMITS): ZipEntry[] {
  const entries = checkZip(bytes, 'DOCX', limits);
  if (!entries.some((e) => e.name === 'word/document.xml')) throw new ImportError('not a Word document (no word/document.xml)');
  return entries;
}

/**
 * The same checks for any zip package (DOCX, EPUB, ODT): `format` names it in the messages.
 * Every XML part is inflated once here with a cap, so a part that lies about its size is
 * refused before a parser sees it.
 */
export function checkZip(bytes: Uint8Array, format: string, limits = ZIP_LIMITS): ZipEntry[] {
  if (bytes.length === 0) throw new ImportError('empty file');
  if (OLE_MAGIC.every((b, i) => bytes[i] === b)) {
    const app = format === 'DOCX' ? 'Word' : 'the application that saved it';
    throw new ImportError(`password-protected ${format}: remove the password in ${app} and import again`, 'password_required');
  }
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new ImportError(`corrupt ${format}: not a zip archive`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndOfDirectory(view);
  if (eocd < 0) throw new ImportError(`corrupt ${format}: the file is truncated (no zip directory at its end)`);
  const count = view.getUint16(eocd + 10, true);
  const dirSize = view.getUint32(eocd + 12, true);
  const dirOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || dirOffset === 0xffffffff) throw new ImportError(`${format} too large (zip64 archives are not imported)`);
  if (count > limits.maxEntries) throw new ImportError(`corrupt ${format}: ${count} entries`);
  if (dirOffset + dirSize > eocd) throw new ImportError(`corrupt ${format}: the file is truncated (zip directory out of range)`);

  const entries: ZipEntry[] = [];
  let at = dirOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > eocd || view.getUint32(at, true) !== CENTRAL_SIGNATURE) throw new ImportError(`corrupt ${format}: damaged zip directory`);
    const method = view.getUint16(at + 10, true);
    const compressed = view.getUint32(at + 20, true);
    const uncompressed = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    const localOffset = view.getUint32(at + 42, true);
    entries.push({ name, compressed, uncompressed, method, localOffset });
    at += 46 + nameLength + extraLength + commentLength;
  }

  let total = 0;
  let totalCompressed = 0;
  for (const e of entries) {
    total += e.uncompressed;
    totalCompressed += e.compressed;
    if (e.uncompressed > limits.ratioFloor && e.uncompressed > limits.maxRatio * Math.max(1, e.compressed)) throw bomb(format, e.name);
  }
  if (total > limits.maxTotal) throw new ImportError(`${format} expands to ${Math.round(total / 1048576)} MB; the limit is ${limits.maxTotal / 1048576} MB`);
  if (total > limits.ratioFloor && total > limits.maxRatio * Math.max(1, totalCompressed)) throw bomb(format, 'the archive');
  for (const e of entries) if (/\.(?:xml|rels|opf|ncx|x?html?)$/i.test(e.name)) readEntry(bytes, e, format);
  return entries;
}

/** The bytes of one entry (stored or deflated), never more than it declares. */
export function readEntry(bytes: Uint8Array, e: ZipEntry, format: string): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = e.localOffset;
  if (at + 30 > bytes.length) throw new ImportError(`corrupt ${format}: ${e.name} is cut off`);
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + e.compressed > bytes.length) throw new ImportError(`corrupt ${format}: the file is truncated inside ${e.name}`);
  const raw = bytes.subarray(start, start + e.compressed);
  if (e.method === 0) return raw;
  if (e.method !== 8) throw new ImportError(`corrupt ${format}: ${e.name} uses an unknown compression method (${e.method})`);
  try {
    return inflateRawSync(raw, { maxOutputLength: Math.max(1, e.uncompressed) });
  } catch (error) {
    if (error instanceof RangeError) throw new ImportError(`${format} refused: ${e.name} holds more than its declared size (a zip bomb?)`);
    throw new ImportError(`corrupt ${format}: ${e.name} does not unzip (${(error as Error).message})`);
  }
}

/** A checked zip package: its entries by name, read as UTF-8 text on demand. */
export class ZipPackage {
  private readonly byName: Map<string, ZipEntry>;

  constructor(
    private readonly bytes: Uint8Array,
    readonly format: string,
    limits = ZIP_LIMITS,
  ) {
    this.byName = new Map(checkZip(bytes, format, limits).map((e) => [e.name, e]));
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** The entry's bytes, or undefined when the package has no such entry. */
  read(name: string): Uint8Array | undefined {
    const entry = this.byName.get(name);
    return entry ? readEntry(this.bytes, entry, this.format) : undefined;
  }

  /** The entry's text, or undefined when the package has no such entry. */
  text(name: string): string | undefined {
    const entry = this.byName.get(name);
    return entry ? new TextDecoder().decode(readEntry(this.bytes, entry, this.format)) : undefined;
  }
}

function bomb(format: string, name: string): ImportError {
  return new ImportError(`${format} refused: ${name} expands more than ${ZIP_LIMITS.maxRatio} times (a zip bomb?)`);
}

// The end-of-central-directory record sits in the last 22 bytes plus a comment of up to 64 KB.
function findEndOfDirectory(view: DataView): number {
  const stop = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let at = view.byteLength - 22; at >= stop; at--) {
    if (view.getUint32(at, true) === EOCD_SIGNATURE) return at;
  }
  return -1;
}
