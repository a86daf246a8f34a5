import { DOC_EXTENSIONS, type ImportOutcome, type ImportProgress } from '../../shared/model';
import { MAX_FILE_BYTES, newRunId, planBatches, readAsBase64, type PickedFile } from './import-batches';
import { i18n } from '../i18n';
import { importFailureToast, type FailedFile } from './import-feedback';
import { messageOf, type SliceCreator } from './types';

export interface ImportRun {
  /** 'files': picked or dropped here; 'dialog': the desktop's native dialog, asked from here; 'shell': another window */
  source: 'files' | 'dialog' | 'shell';
  runId: string | null;
  total: number;
  done: number;
  current: string;
  /** files finished in earlier batches of this run: progress events count per batch */
  offset: number;
  /** Cancel was pressed: no further batch goes out */
  cancelling: boolean;
}

export type FailedOutcome = Extract<ImportOutcome, { status: 'failed' }>;

/** One file's outcome; the file itself is kept while the user may still act on it (a version or a password). */
export interface SummaryEntry {
  outcome: ImportOutcome;
  source?: PickedFile;
}

export interface ImportSummary {
  entries: SummaryEntry[];
  /** chosen but never imported because the run was cancelled */
  notImported: number;
}

/** How to send a file again from the summary. */
export type Resend = { asVersionOf: string } | { separate: true } | { password: string };

export interface ImportSlice {
  importRun: ImportRun | null;
  importSummary: ImportSummary | null;
  /** `skipped`: files of the chosen folder in formats Marginalia does not import, told in the summary with the reason */
  importFiles(files: readonly PickedFile[], skipped?: readonly string[]): Promise<void>;
  importWithDialog(folder: boolean): Promise<void>;
  cancelImport(): Promise<void>;
  /** Sends one summary entry's file again; answers null, or why it still failed. */
  resendImport(index: number, how: Resend): Promise<string | null>;
  applyImportProgress(progress: ImportProgress): void;
  dismissImportSummary(): void;
}

export interface ImportCounts {
  imported: number;
  duplicates: number;
  failed: number;
  candidates: number;
  newVersions: number;
  skipped: number;
}

export function countOutcomes(entries: readonly SummaryEntry[]): ImportCounts {
  const counts: ImportCounts = { imported: 0, duplicates: 0, failed: 0, candidates: 0, newVersions: 0, skipped: 0 };
  for (const { outcome } of entries) {
    if (outcome.status === 'imported') counts.imported++;
    else if (outcome.status === 'duplicate') counts.duplicates++;
    else if (outcome.status === 'failed') counts.failed++;
    else if (outcome.status === 'version-candidate') counts.candidates++;
    else if (outcome.status === 'skipped') counts.skipped++;
    else counts.newVersions++;
  }
  return counts;
}

/** The file stays in memory only where the summary offers to send it again. */
const keepsSource = (o: ImportOutcome) => o.status === 'version-candidate' || (o.status === 'failed' && o.needsPassword === true);

/** Why a file of a chosen folder is not sent: its format, in the user's language. */
const unsupportedText = (file: string) => {
  const dot = file.lastIndexOf('.');
  return i18n.t('importReason.unsupported', { ext: dot > 0 ? file.slice(dot).toLowerCase() : file, formats: ACCEPTED_LIST });
};
const ACCEPTED_LIST = Object.values(DOC_EXTENSIONS)
  .flat()
  .map((e) => `.${e}`)
  .join(', ');

const tooLargeReason = () => i18n.t('importReason.tooLarge', { mib: MAX_FILE_BYTES / 1048576 });

/** The run's failures, for one toast; a password the summary can ask for still counts (the toast says so). */
const failuresOf = (summary: ImportSummary, requestFailed: ReadonlySet<string>): FailedFile[] =>
  summary.entries.flatMap(({ outcome: o }) => (o.status === 'failed' ? [{ ...o, requestFailed: requestFailed.has(o.file) }] : []));

export const createImportSlice: SliceCreator<ImportSlice> = (api) => (set, get) => {
  // Runs started here: their progress events are not another window's run (they may arrive after the answer).
  const ownRuns = new Set<string>();

  const finish = async (summary: ImportSummary | null, requestFailed: ReadonlySet<string> = new Set()) => {
    set({ importRun: null, ...(summary ? { importSummary: summary } : {}) });
    const toast = summary && importFailureToast(failuresOf(summary, requestFailed), (key, args) => i18n.t(key, args));
    if (toast) get().pushToast(toast);
    await get().loadLibrary();
    get().refreshSearch();
  };

  return {
    importRun: null,
    importSummary: null,

    async importFiles(files, skipped = []) {
      if ((!files.length && !skipped.length) || get().importRun) return;
      const runId = newRunId();
      ownRuns.add(runId);
      const { batches, tooLarge } = planBatches(files);
      const entries: SummaryEntry[] = [
        ...skipped.map((file) => ({ outcome: { file, status: 'skipped' as const, reason: unsupportedText(file) } })),
        ...tooLarge.map((p) => ({ outcome: { file: p.name, status: 'failed' as const, reason: tooLargeReason() } })),
      ];
      const total = files.length - tooLarge.length;
      let processed = 0;
      const requestFailed = new Set<string>();
      const progress = (patch: Partial<ImportRun>) => {
        const run = get().importRun;
        set({ importRun: { source: 'files', runId, total, done: processed, current: '', offset: processed, cancelling: run?.cancelling ?? false, ...patch } });
      };
      set({ importSummary: null });
      progress({});
      for (const batch of batches) {
        if (get().importRun?.cancelling) break;
        const names = batch.map((p) => p.name);
        try {
          progress({ current: i18n.t('importReason.reading', { name: names[0] }) });
          const payload = await Promise.all(batch.map(async (p) => ({ name: p.name, data: await readAsBase64(p.file) })));
          if (get().importRun?.cancelling) break;
          const outcomes = await api['import.files']({ runId, files: payload });
          // The core answers in the order sent, stopping early when cancelled.
          outcomes.forEach((outcome, i) => entries.push(keepsSource(outcome) && batch[i] ? { outcome, source: batch[i] } : { outcome }));
          processed += outcomes.length;
        } catch (error) {
          // One failed call must not hide the others: its files are failures (the toast names them) and the next batch goes.
          const reason = `${i18n.t('importReason.request')}: ${messageOf(error)}`;
          for (const name of names) {
            requestFailed.add(name);
            entries.push({ outcome: { file: name, status: 'failed', reason } });
          }
          processed += batch.length;
        }
        progress({});
      }
      await finish({ entries, notImported: total - processed }, requestFailed);
    },

    async importWithDialog(folder) {
      if (get().importRun) return;
      const runId = newRunId();
      ownRuns.add(runId);
      set({ importRun: { source: 'dialog', runId, total: 0, done: 0, current: '', offset: 0, cancelling: false } });
      try {
        const outcomes = await api['import.dialog']({ folder, runId });
        const run = get().importRun;
        const notImported = run?.cancelling ? Math.max(0, run.total - outcomes.length) : 0;
        await finish(outcomes.length || notImported ? { entries: outcomes.map((outcome) => ({ outcome })), notImported } : null);
      } catch (error) {
        get().pushAlert(i18n.t(folder ? 'alert.importFolder' : 'alert.importDialogFiles'), error, i18n.t('fix.retry'));
        await finish(null);
      }
    },

    async cancelImport() {
      const run = get().importRun;
      if (!run?.runId || run.cancelling) return;
      set({ importRun: { ...run, cancelling: true, current: i18n.t('importReason.cancelling') } });
      try {
        await api['import.cancel']({ runId: run.runId });
      } catch (error) {
        get().pushAlert(i18n.t('alert.cancelImport'), error);
      }
    },

    async resendImport(index, how) {
      const entry = get().importSummary?.entries[index];
      if (!entry?.source) return i18n.t('importReason.gone');
      const { source } = entry;
      const runId = newRunId();
      ownRuns.add(runId);
      try {
        const data = await readAsBase64(source.file);
        const [outcome] = await api['import.files']({ runId, files: [{ name: source.name, data, ...how }] });
        if (!outcome) return i18n.t('importReason.cancelled');
        const summary = get().importSummary;
        if (summary && summary.entries[index] === entry) {
          const entries = summary.entries.map((e, i) => (i === index ? (keepsSource(outcome) ? { outcome, source } : { outcome }) : e));
          set({ importSummary: { ...summary, entries } });
        }
        await get().loadLibrary();
        return outcome.status === 'failed' ? outcome.reason : null;
      } catch (error) {
        return messageOf(error);
      }
    },

    applyImportProgress(progress) {
      const run = get().importRun;
      // The inbox imports one file at a time in the core: each joins the library's import summary, as any import's files do.
      if (progress.runId.startsWith('inbox-')) {
        if (!progress.outcome) return;
        const summary = get().importSummary;
        set({ importSummary: { entries: [...(summary?.entries ?? []), { outcome: progress.outcome }], notImported: summary?.notImported ?? 0 } });
        return;
      }
      if (run && run.runId === progress.runId) {
        const done = run.source === 'files' ? Math.min(run.total, run.offset + progress.done) : progress.done;
        const total = run.source === 'files' ? run.total : progress.total;
        set({ importRun: { ...run, done, total, current: run.cancelling ? run.current : progress.current } });
        return;
      }
      if (ownRuns.has(progress.runId) || (run && run.source !== 'shell')) return;
      // A run this window did not start (another window): follow it as it reports.
      const finished = progress.done >= progress.total;
      set({
        importRun: finished ? null : { source: 'shell', runId: progress.runId, total: progress.total, done: progress.done, current: progress.current, offset: 0, cancelling: false },
      });
    },

    dismissImportSummary() {
      set({ importSummary: null });
    },
  };
};
