import type { ImportOutcome, ImportProgress } from '../../shared/model';
import { MAX_FILE_BYTES, planBatches, readAsBase64, type PickedFile } from './import-batches';
import type { SliceCreator } from './types';

export interface ImportRun {
  /** 'files': started here from picked or dropped files; 'shell': a native dialog or another window */
  source: 'files' | 'shell';
  total: number;
  done: number;
  current: string;
  /** files finished in earlier batches of this run: progress events count per batch */
  offset: number;
}

export interface ImportSummary {
  imported: ImportOutcome[];
  duplicates: ImportOutcome[];
  failed: Extract<ImportOutcome, { status: 'failed' }>[];
}

export interface ImportSlice {
  importRun: ImportRun | null;
  importSummary: ImportSummary | null;
  importFiles(files: readonly PickedFile[]): Promise<void>;
  importWithDialog(folder: boolean): Promise<void>;
  applyImportProgress(progress: ImportProgress): void;
  dismissImportSummary(): void;
}

export function summarise(outcomes: readonly ImportOutcome[]): ImportSummary {
  return {
    imported: outcomes.filter((o) => o.status === 'imported'),
    duplicates: outcomes.filter((o) => o.status === 'duplicate'),
    failed: outcomes.filter((o): o is Extract<ImportOutcome, { status: 'failed' }> => o.status === 'failed'),
  };
}

const tooLargeReason = `file larger than ${MAX_FILE_BYTES / 1048576} MiB: import it with the desktop app's Import dialog or the marginalia import command`;

export const createImportSlice: SliceCreator<ImportSlice> = (api) => (set, get) => ({
  importRun: null,
  importSummary: null,

  async importFiles(files) {
    if (!files.length || get().importRun) return;
    const { batches, tooLarge } = planBatches(files);
    const outcomes: ImportOutcome[] = tooLarge.map((p) => ({ file: p.name, status: 'failed', reason: tooLargeReason }));
    const total = files.length - tooLarge.length;
    set({ importSummary: null, importRun: { source: 'files', total, done: 0, current: '', offset: 0 } });
    let offset = 0;
    for (const batch of batches) {
      const names = batch.map((p) => p.name);
      try {
        set({ importRun: { source: 'files', total, done: offset, current: `Reading ${names[0]}…`, offset } });
        const payload = await Promise.all(batch.map(async (p) => ({ name: p.name, data: await readAsBase64(p.file) })));
        outcomes.push(...(await api['import.files']({ files: payload })));
      } catch (error) {
        // One failed call must not hide the others: name its files and go on with the next batch.
        const list = names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
        get().pushAlert(`Could not import ${list}`, error);
        for (const name of names) outcomes.push({ file: name, status: 'failed', reason: 'the import request failed' });
      }
      offset += batch.length;
      set({ importRun: { source: 'files', total, done: offset, current: '', offset } });
    }
    set({ importRun: null, importSummary: summarise(outcomes) });
    await get().loadLibrary();
  },

  async importWithDialog(folder) {
    if (get().importRun) return;
    try {
      const outcomes = await api['import.dialog']({ folder });
      set({ importRun: null, importSummary: outcomes.length ? summarise(outcomes) : get().importSummary });
    } catch (error) {
      set({ importRun: null });
      get().pushAlert(folder ? 'Could not import the folder' : 'Could not import the files', error);
    }
    await get().loadLibrary();
  },

  applyImportProgress(progress) {
    const run = get().importRun;
    if (run?.source === 'files') {
      set({ importRun: { ...run, done: Math.min(run.total, run.offset + progress.done), current: progress.current } });
      return;
    }
    // A run this window did not start with files (native dialog, another window): follow it as it reports.
    const finished = progress.done >= progress.total;
    set({ importRun: finished ? null : { source: 'shell', total: progress.total, done: progress.done, current: progress.current, offset: 0 } });
  },

  dismissImportSummary() {
    set({ importSummary: null });
  },
});
