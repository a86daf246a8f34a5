import { isPaged, type DocumentMeta, type OcrProgress, type OcrState } from '../../../shared/model';
import { OcrEngine } from './engine';
import { ocrDocument, type OcrDocumentResult } from './ocr-document';
import { PageRenderer } from './render-process';

export interface OcrQueueDeps {
  meta(id: string): DocumentMeta | undefined;
  readOriginal(id: string): Promise<Uint8Array>;
  /** per-page time limit, ms */
  timeoutMs(): number;
  /** stores the OCR'd text as the document's text (a new version), with its OCR state */
  commit(id: string, result: OcrDocumentResult, state: OcrState): Promise<void>;
  /** records a state without new text (queued, failed) */
  setState(id: string, state: OcrState): Promise<void>;
  progress(progress: OcrProgress): void;
}

interface Item {
  id: string;
  mode: OcrState['mode'];
  languages: string;
}

/**
 * Documents waiting for OCR, read one at a time in the background while the archive
 * stays usable. The queue is kept in the documents' metadata (ocr.state = queued), so
 * what was waiting when the app closed is read when it opens again. The engine (≈300 MB
 * a worker) is started on the first page and ended when the queue runs dry.
 */
export class OcrQueue {
  private readonly items: Item[] = [];
  private running: Promise<void> | null = null;
  private engine: OcrEngine | null = null;
  private renderer: PageRenderer | null = null;
  private cancelledRun = false;
  private stopped = false;

  constructor(private readonly deps: OcrQueueDeps) {}

  /** Queues a document (again, if it was queued before); its state says queued until it is read. */
  async enqueue(id: string, mode: OcrState['mode'], languages: string): Promise<void> {
    if (this.stopped) return;
    if (!this.items.some((i) => i.id === id)) this.items.push({ id, mode, languages });
    await this.deps.setState(id, { state: 'queued', mode, languages });
    this.start();
  }

  /** Queues what the archive's metadata says was waiting (after a restart). */
  resume(documents: readonly DocumentMeta[]): void {
    for (const doc of documents) if (doc.ocr?.state === 'queued' && !this.items.some((i) => i.id === doc.id)) this.items.push({ id: doc.id, mode: doc.ocr.mode, languages: doc.ocr.languages });
    this.start();
  }

  /** Documents waiting or being read. */
  get pending(): string[] {
    return this.items.map((i) => i.id);
  }

  /** Resolves when nothing is waiting (the CLI waits for its imports' OCR before it exits). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /**
   * The user's Cancel: stops the document being read after its current page and drops the
   * queue; each dropped document says it was cancelled (and can be read again on demand).
   */
  async cancel(): Promise<number> {
    const dropped = this.halt();
    for (const item of dropped) await this.deps.setState(item.id, { state: 'failed', mode: item.mode, languages: item.languages, reason: 'cancelled' });
    await this.idle();
    return dropped.length;
  }

  /** Closing the archive: what waits stays queued on disk and is read at the next open. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.halt();
    await this.idle();
  }

  private halt(): Item[] {
    this.cancelledRun = true;
    return this.items.splice(0);
  }

  private start(): void {
    if (this.running || this.items.length === 0) return;
    this.cancelledRun = false;
    this.running = this.drain().finally(() => {
      this.running = null;
    });
  }

  private async drain(): Promise<void> {
    try {
      for (let item = this.items[0]; item && !this.cancelledRun; item = this.items[0]) {
        await this.read(item);
        if (this.items[0] === item) this.items.shift();
      }
    } finally {
      await this.engine?.stop();
      await this.renderer?.stop();
      this.engine = null;
      this.renderer = null;
    }
  }

  private async read(item: Item): Promise<void> {
    const meta = this.deps.meta(item.id);
    if (!meta || !isPaged(meta.type)) return;
    const base = { mode: item.mode, languages: item.languages };
    try {
      if (this.engine && this.engine.languages.join('+') !== item.languages) {
        await this.engine.stop();
        this.engine = null;
      }
      this.engine ??= new OcrEngine({ languages: item.languages, timeoutMs: this.deps.timeoutMs() });
      this.renderer ??= new PageRenderer();
      const started = performance.now();
      const report = (page: number, pages: number, state?: OcrState['state']) => {
        const perPage = page ? (performance.now() - started) / page / 1000 : undefined;
        this.deps.progress({
          docId: item.id,
          title: meta.title,
          page,
          pages,
          waiting: Math.max(0, this.items.length - 1),
          ...(perPage !== undefined && page < pages ? { etaSeconds: Math.round(perPage * (pages - page)) } : {}),
          ...(state ? { state } : {}),
        });
      };
      const bytes = await this.deps.readOriginal(item.id);
      report(0, 0);
      const result = await ocrDocument(bytes, meta.sourceName, {
        mode: item.mode,
        engine: this.engine,
        renderer: this.renderer,
        timeoutMs: this.deps.timeoutMs(),
        onPage: (done, total) => report(done, total),
        cancelled: () => this.cancelledRun,
      });
      if (this.cancelledRun) return;
      if (result.read.length === 0 && result.failed.length > 0) {
        const state: OcrState = { ...base, state: 'failed', reason: result.failed.map((f) => `page ${f.page}: ${f.reason}`).join('; ').slice(0, 1000) };
        await this.deps.setState(item.id, state);
        report(result.failed.length, result.failed.length, 'failed');
        return;
      }
      await this.deps.commit(item.id, result, { ...base, state: 'done', pages: result.read.length, uncertain: Math.round(result.uncertain * 1000) / 1000 });
      report(result.read.length + result.failed.length, result.read.length + result.failed.length, 'done');
    } catch (error) {
      await this.deps.setState(item.id, { ...base, state: 'failed', reason: (error as Error).message.slice(0, 1000) }).catch(() => undefined);
      this.deps.progress({ docId: item.id, title: meta.title, page: 0, pages: 0, waiting: Math.max(0, this.items.length - 1), state: 'failed' });
    }
  }
}
