/** Messages between the backup's and restore's main thread and their workers (backup-worker.ts). */

/** Back up these files of the archive: read, hash, compress, and pack each behind its local header. */
export interface PackJob {
  kind: 'pack';
  root: string;
  files: { index: number; path: string; name: string; store: boolean; huffman: boolean }[];
  /** files larger than this are left to the main thread, which streams them */
  wholeBytes: number;
  /** the job stops (`done` less than the files) once it has packed this many bytes */
  runBytes: number;
}

export interface PackedFile {
  index: number;
  method: number;
  time: number;
  date: number;
  crc: number;
  compressed: number;
  size: number;
  mode: number;
  sha256: string;
  /** where its local header starts in `bytes` */
  at: number;
}

export interface PackResult {
  /** how many of the job's files were handled (packed or left as large); the rest go in another job */
  done: number;
  /** the local headers and bytes of `packed`, one after the other */
  bytes: Uint8Array;
  packed: PackedFile[];
  large: { index: number; size: number; mtimeMs: number; mode: number }[];
  /** files that were listed but are gone (ENOENT) */
  vanished: number[];
}

/**
 * Restore these small entries of the zip: read, inflate, check, hash and write each into a
 * new file. In columns, not an object per entry: a job is cloned into the worker and its
 * answer back, and at 400,000 entries objects cost the main thread (which has nothing else
 * to do meanwhile but has to build, clone and read them) seconds (issue #19).
 */
export interface UnpackJob {
  kind: 'unpack';
  zipPath: string;
  /** the folder the entries' paths are under */
  root: string;
  /** each entry's path under `root`, '/'-separated, one per line (a name with a control character is refused before) */
  paths: string;
  /** UNPACK_FIELDS numbers an entry, in the order of `paths` */
  fields: Float64Array;
}

/** An entry's numbers in UnpackJob.fields: its index in the restore, then its zip records' fields. */
export const UNPACK_FIELDS = ['index', 'offset', 'compressed', 'size', 'method', 'crc', 'flags', 'nameBytes'] as const;

export interface UnpackResult {
  /** the job's first `written` entries were written (each exactly its size) */
  written: number;
  /** their SHA-256, 32 bytes each, in the job's order */
  sha256: Uint8Array;
  /** what stopped the job: an entry that does not unzip (no code), or a system call that failed */
  failure?: { index: number; message: string; code?: string; syscall?: string };
}

/**
 * Read one piece of a large file and deflate it on its own (level 1) as part of one deflate
 * stream: every piece but the last ends with a sync flush (byte-aligned, not final), the
 * last one finishes the stream, so the pieces written one after the other are the entry's
 * data (pigz's way of deflating on several cores).
 */
export interface ChunkJob {
  kind: 'chunk';
  /** the file's full path */
  path: string;
  offset: number;
  /** bytes to read; the last piece reads to the end of the file, whatever its size now */
  length: number;
  last: boolean;
  /** only read (a stored entry) */
  store: boolean;
  /** deflate with Huffman coding only (create-backup.ts, HUFFMAN_ONLY) */
  huffman: boolean;
}

export interface ChunkResult {
  /** the bytes read: the main thread hashes them (SHA-256 and CRC-32 run over the whole file, in order) */
  raw: Uint8Array;
  /** the deflated piece, or absent when stored */
  deflated?: Uint8Array;
}

export type WorkerRequest = { id: number; job: PackJob | UnpackJob | ChunkJob };
export type WorkerReply = { id: number; result: PackResult | UnpackResult | ChunkResult } | { id: number; error: { message: string; code?: string; syscall?: string; path?: string } };
