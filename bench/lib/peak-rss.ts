import { readFileSync } from 'node:fs';

/**
 * Follows a child process's peak resident memory (Linux VmHWM, read every 100 ms until it
 * exits): the core as it runs for users — the CLI importing, `serve` answering the UI —
 * rather than the bench process, which also holds the corpus and the floors' texts.
 */
export function watchPeakRss(pid: number | undefined): { stop: () => number } {
  return watchPeakKb(() => {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  });
}

/**
 * Samples a size in kB every 100 ms (and once more at stop) and keeps the largest, in MB.
 * A sample that throws (the process is gone, or this is not Linux) counts as nothing.
 */
export function watchPeakKb(sample: () => number): { stop: () => number } {
  let peakKb = 0;
  const read = () => {
    try {
      peakKb = Math.max(peakKb, sample());
    } catch {
      /* gone, or not Linux */
    }
  };
  const timer = setInterval(read, 100);
  return {
    stop: () => {
      read();
      clearInterval(timer);
      return peakKb / 1024;
    },
  };
}

/** Each core process's peak so far, MB, by what it did (import, reopen, reader, pdf). */
export const peaks = new Map<string, number>();
export const recordPeak = (phase: string, mb: number) => peaks.set(phase, Math.max(peaks.get(phase) ?? 0, mb));
