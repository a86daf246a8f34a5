import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { SandboxCommand, WorkerLimits } from './pdf-process';
import { ImportError } from './types';

export interface WorkerEvents {
  /** the JSON answer to the file last sent, and the raw bytes sent after it (empty for most answers) */
  answer(json: string, binary: Buffer): void;
  /** the process is gone or being killed; called once, with why; `died`: it ended on its own */
  end(reason: ImportError, died: boolean): void;
}

/** Anything the pipes and the child hold that can keep the event loop alive. */
interface Refable {
  ref?(): void;
  unref?(): void;
}

/**
 * One sandboxed pdf-worker.mjs process, read from and written to in frames (see the
 * protocol at the top of resources/pdf-worker.mjs). It reads one file at a time; the pool
 * decides which file and when. Every way the process can fail ends it with an ImportError
 * that names the reason, for the file it was reading.
 */
export class PdfWorkerProcess {
  /** resolves once the process has exited and its pipes are closed */
  readonly exited: Promise<void>;
  private readonly child: ChildProcessWithoutNullStreams;
  private stderrTail = '';
  private out: Buffer[] = [];
  private outBytes = 0;
  /** length of the answer being read, once its length field is in */
  private expected: number | undefined;
  private busy = false;
  private ended = false;

  constructor(
    command: SandboxCommand,
    private readonly limits: WorkerLimits,
    private readonly events: WorkerEvents,
  ) {
    this.child = spawn(command.command, command.args, { env: command.env, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    this.exited = new Promise((resolve) => {
      this.child.once('close', () => resolve());
      // A process that never started emits no close on some platforms.
      this.child.once('error', () => this.child.pid === undefined && resolve());
    });
    this.child.stdout.on('data', (chunk: Buffer) => this.onStdout(chunk));
    this.child.stderr.on('data', (chunk: Buffer) => {
      // The tail, where V8 and Node write why a process died.
      this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-8192);
    });
    // The child may die before reading all of stdin (EPIPE): its exit says why.
    this.child.stdin.on('error', () => undefined);
    this.child.on('error', (error) => this.kill(new ImportError(`PDF reader could not start: ${error.message}`)));
    this.child.on('close', (code, signal) => this.end(this.exitReason(code, signal), true));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Sends one file; the answer or the end follows. */
  send(password: string | undefined, bytes: Uint8Array, extra: Record<string, unknown> = {}): void {
    this.busy = true;
    this.stderrTail = '';
    const header = Buffer.from(JSON.stringify(password === undefined ? extra : { ...extra, password }), 'utf8');
    const headerLength = Buffer.alloc(4);
    headerLength.writeUInt32BE(header.length);
    const dataLength = Buffer.alloc(4);
    dataLength.writeUInt32BE(bytes.length);
    this.child.stdin.write(Buffer.concat([headerLength, header, dataLength]));
    this.child.stdin.write(bytes);
  }

  /**
   * Ends the process now; the file it was reading, if any, fails with `reason`. An idle
   * process holds nothing worth a gentler end, and one that pdf.js code controls might
   * ignore one. Its exit is waited for again, so that `exited` settles.
   */
  kill(reason: ImportError): void {
    this.end(reason, false);
    this.setKeepsAlive(true);
    this.child.kill('SIGKILL');
  }

  /** While idle, the process must not keep a CLI (or a test run) from exiting. */
  setKeepsAlive(keep: boolean): void {
    for (const handle of [this.child, this.child.stdin, this.child.stdout, this.child.stderr] as Refable[]) {
      if (keep) handle.ref?.();
      else handle.unref?.();
    }
  }

  private onStdout(chunk: Buffer): void {
    if (this.ended) return;
    if (!this.busy) return this.kill(new ImportError('PDF reader failed: it wrote when no file was asked for'));
    this.out.push(chunk);
    this.outBytes += chunk.length;
    if (this.expected === undefined) {
      if (this.outBytes < 4) return;
      this.out = [Buffer.concat(this.out)];
      const length = this.out[0]!.readUInt32BE(0);
      if (length > this.limits.maxOutputBytes) return this.kill(new ImportError('PDF has more text than the importer accepts'));
      this.expected = 4 + length;
    }
    if (this.outBytes < this.expected) return;
    if (this.outBytes > this.expected) return this.kill(new ImportError('PDF reader failed: it wrote more than one answer'));
    const frame = Buffer.concat(this.out, this.outBytes).subarray(4);
    const jsonLength = frame.length >= 4 ? frame.readUInt32BE(0) : -1;
    if (jsonLength < 0 || jsonLength > frame.length - 4) return this.kill(new ImportError('PDF reader failed: it wrote a malformed answer'));
    const answer = frame.subarray(4, 4 + jsonLength).toString('utf8');
    const binary = frame.subarray(4 + jsonLength);
    this.out = [];
    this.outBytes = 0;
    this.expected = undefined;
    this.busy = false;
    this.events.answer(answer, binary);
  }

  private exitReason(code: number | null, signal: NodeJS.Signals | null): ImportError {
    const err = this.stderrTail;
    if (/heap out of memory|Allocation failed/i.test(err)) {
      return new ImportError(`PDF needs more than ${this.limits.maxHeapMb} MB to read; it may be damaged or extremely complex`);
    }
    const why = /bad option|unknown option/i.test(err)
      ? 'this runtime lacks the Node permission model'
      : signal
        ? `killed by ${signal}`
        : `exit code ${code}`;
    return new ImportError(`PDF reader failed (${why}): ${lastLine(err)}`);
  }

  private end(reason: ImportError, died: boolean): void {
    if (this.ended) return;
    this.ended = true;
    this.events.end(reason, died);
  }
}

function lastLine(text: string): string {
  const lines = text.trim().split('\n').filter((l) => !l.startsWith('Warning:'));
  return (lines[lines.length - 1] ?? '').slice(0, 300);
}
