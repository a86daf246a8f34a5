/**
 * When the library's change log is compacted into library.bin: the rule on its own, apart from
 * LibraryStore that runs the compaction, so that its figures and their reasons read in one place.
 */

/**
 * The change log is compacted into library.bin once it holds this many bytes, or an eighth
 * of library.bin if that is more: replaying it at open then costs a bounded share of loading
 * library.bin, and compaction (which costs the archive's size) happens once per that many
 * bytes of changes, so its cost per change stays constant as the archive grows.
 */
const COMPACT_MIN_LOG_BYTES = 1024 * 1024;
const COMPACT_LOG_SHARE = 8;
/** ...and no oftener than this many times as long as the last compaction took: it takes at most 1/20 of the time. */
const COMPACT_SPACING = 20;

export class CompactionPace {
  /** the size of library.bin as last written or read */
  bytes = 0;
  /** how long the last compaction took, and when it ended (performance.now()) */
  private lastMs = 0;
  private lastEnd = -Infinity;

  /** The log's size past which it is compacted. */
  threshold(): number {
    return Math.max(COMPACT_MIN_LOG_BYTES, this.bytes / COMPACT_LOG_SHARE);
  }

  /** How long from now the next compaction waits, so that compacting takes a bounded share of the time. */
  wait(): number {
    return Math.max(0, this.lastEnd + this.lastMs * COMPACT_SPACING - performance.now());
  }

  /** A compaction begun at `started` (performance.now()) has written a library.bin of `bytes`. */
  done(started: number, bytes: number): void {
    this.bytes = bytes;
    this.lastEnd = performance.now();
    this.lastMs = this.lastEnd - started;
  }
}
