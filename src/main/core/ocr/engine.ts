import { availableParallelism } from 'node:os';
import type { createWorker as CreateWorker, Worker } from 'tesseract.js';
import { languageFolder, parseLanguages } from './languages';
import type { OcrLine, OcrPage } from './ocr-items';

export interface EngineOptions {
  /** "chi_sim+eng" */
  languages: string;
  /** tesseract workers (threads) at once; one per core, at most two, by default */
  workers?: number;
  /** a page still being recognised after this long fails alone and its worker is replaced */
  timeoutMs?: number;
}

interface Slot {
  worker: Promise<Worker>;
  busy: boolean;
}

interface Job {
  image: Uint8Array;
  timeoutMs: number;
  resolve: (page: OcrPage) => void;
  reject: (error: Error) => void;
}

export const DEFAULT_OCR_TIMEOUT_MS = 180_000;

/**
 * chi_sim's model asks tesseract to load a sub-language (tessedit_load_sublangs chi_sim_vert).
 * Tesseract appends it to the list of languages it is walking through, which invalidates that
 * walk: the next language is read from freed memory ("Failed loading language '玂玂'"), so in
 * chi_sim+eng English was never loaded and Latin text was read by the Chinese model alone
 * ("meeting，" for "meeting,"). Emptying the setting after the model's own config (a user
 * config is read after it) loads exactly the languages asked for. chi_sim_vert (vertical
 * text) is not installed anyway.
 */
export const ENGINE_CONFIG = { tessedit_load_sublangs: '' };

/**
 * tesseract.js workers (each a worker thread running tesseract's wasm), fed from one
 * queue. Everything they load comes from the install: the core from tesseract.js-core,
 * the models through `languageFolder` — tesseract.js would fetch models from a CDN when
 * no langPath is given, so one always is.
 */
export class OcrEngine {
  readonly languages: string[];
  private readonly size: number;
  private readonly timeoutMs: number;
  private readonly folder: { path: string; remove: () => void };
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private stopped = false;

  constructor(options: EngineOptions) {
    this.languages = parseLanguages(options.languages);
    this.size = Math.max(1, Math.min(options.workers ?? Math.min(availableParallelism(), 2), 4));
    this.timeoutMs = options.timeoutMs ?? DEFAULT_OCR_TIMEOUT_MS;
    this.folder = languageFolder(this.languages);
  }

  /** Words, lines and paragraphs of one page image (PNG/JPEG/TIFF bytes), in pixels. */
  recognise(image: Uint8Array, timeoutMs = this.timeoutMs): Promise<OcrPage> {
    if (this.stopped) return Promise.reject(new Error('OCR stopped'));
    return new Promise((resolve, reject) => {
      this.queue.push({ image, timeoutMs, resolve, reject });
      this.pump();
    });
  }

  /** Fails what is queued, ends every worker, removes the language folder. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('OCR cancelled'));
    await Promise.all(this.slots.splice(0).map((slot) => slot.worker.then((w) => w.terminate()).catch(() => undefined)));
    this.folder.remove();
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.busy);
      if (!slot && this.slots.length < this.size) {
        slot = { worker: this.startWorker(), busy: false };
        this.slots.push(slot);
      }
      if (!slot) return;
      const job = this.queue.shift()!;
      void this.run(slot, job);
    }
  }

  /** tesseract.js is loaded with the first worker: every start of the app and of `serve` paid for it (issue #19). */
  private async startWorker(): Promise<Worker> {
    const { createWorker, OEM } = await import('tesseract.js');
    return createWorker(
      this.languages,
      OEM.LSTM_ONLY,
      {
        langPath: this.folder.path,
        gzip: true,
        // No cache: tesseract.js would otherwise write the unpacked models into the working folder.
        cacheMethod: 'none',
        logger: () => undefined,
        errorHandler: () => undefined,
      },
      // tesseract.js's types name only the dawg settings; it passes any setting on to tesseract.
      ENGINE_CONFIG as unknown as Parameters<typeof CreateWorker>[3],
    );
  }

  private async run(slot: Slot, job: Job): Promise<void> {
    slot.busy = true;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`OCR stopped after ${Math.round(job.timeoutMs / 1000)} s`)), job.timeoutMs);
    });
    try {
      const worker = await Promise.race([slot.worker, timedOut]);
      const result = await Promise.race([worker.recognize(Buffer.from(job.image), {}, { blocks: true, text: false }), timedOut]);
      job.resolve(toPage(result.data as unknown as TesseractData));
    } catch (error) {
      // A worker that timed out or failed may be stuck: replace it.
      const index = this.slots.indexOf(slot);
      if (index >= 0) this.slots.splice(index, 1);
      void slot.worker.then((w) => w.terminate()).catch(() => undefined);
      job.reject(error instanceof Error ? error : new Error(String(error)));
    } finally {
      clearTimeout(timer);
      slot.busy = false;
      if (!this.stopped) this.pump();
    }
  }
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
interface TesseractData {
  blocks: { paragraphs: { lines: { words: { text: string; confidence: number; bbox: Box }[]; bbox: Box }[] }[] }[] | null;
}

function toPage(data: TesseractData): OcrPage {
  const paragraphs: OcrLine[][] = [];
  for (const block of data.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      const lines: OcrLine[] = [];
      for (const line of paragraph.lines) {
        const words = line.words
          .filter((w) => w.text.trim())
          .map((w) => ({ text: w.text, confidence: w.confidence, box: [w.bbox.x0, w.bbox.y0, w.bbox.x1, w.bbox.y1] as [number, number, number, number] }));
        if (words.length) lines.push({ words, box: [line.bbox.x0, line.bbox.y0, line.bbox.x1, line.bbox.y1] });
      }
      if (lines.length) paragraphs.push(lines);
    }
  }
  return { paragraphs };
}
