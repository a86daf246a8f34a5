import { useTranslation } from 'react-i18next';
import { useEffect, useRef, useState } from 'react';
import type { Label } from '../../../shared/model';
import { useAppStore } from '../../store';
import { DeleteLabelDialog } from './DeleteLabelDialog';
import { LabelRow } from './LabelRow';
import { labelIdFor, labelSetJson, parseLabelSet } from './label-set-json';

type Status = { kind: 'idle' | 'saving' | 'saved' } | { kind: 'failed'; messages: string[] };

/** The entity label set: add, rename, recolour, reorder (the order gives keys 1–9), delete, export and import as JSON. */
export function LabelSettings() {
  const { t } = useTranslation();
  const labels = useAppStore((s) => s.labels);
  const loadLabels = useAppStore((s) => s.loadLabels);
  const saveLabels = useAppStore((s) => s.saveLabels);
  const deleteLabel = useAppStore((s) => s.deleteLabel);
  const labelUsage = useAppStore((s) => s.labelUsage);
  const [draft, setDraft] = useState<Label[]>(labels);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [newName, setNewName] = useState('');
  const [newColor, setNewColor] = useState('#0f766e');
  const [deleting, setDeleting] = useState<{ label: Label; mentions: number } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => void loadLabels(), [loadLabels]);
  useEffect(() => setDraft(labels), [labels]);

  const save = async (next: Label[]) => {
    setStatus({ kind: 'saving' });
    const failure = await saveLabels(next);
    setStatus(failure ? { kind: 'failed', messages: [failure] } : { kind: 'saved' });
  };
  const move = (i: number, by: -1 | 1) => {
    const next = [...draft];
    [next[i], next[i + by]] = [next[i + by]!, next[i]!];
    setDraft(next);
  };
  const askDelete = async (label: Label) => {
    if (!labels.some((l) => l.id === label.id)) return setDraft(draft.filter((l) => l.id !== label.id));
    const mentions = await labelUsage(label.id).catch(() => 0);
    if (mentions > 0) return setDeleting({ label, mentions });
    const failure = await deleteLabel(label.id, { mentions: 'delete' });
    setStatus(failure ? { kind: 'failed', messages: [failure] } : { kind: 'saved' });
  };
  const exportSet = () => {
    const url = URL.createObjectURL(new Blob([labelSetJson(labels)], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'marginalia-labels.json';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  const importSet = async (file: File) => {
    const parsed = parseLabelSet(await file.text());
    if ('errors' in parsed) return setStatus({ kind: 'failed', messages: [t('labelSet.notASet', { file: file.name }), ...parsed.errors] });
    setDraft(parsed.labels);
    await save(parsed.labels);
  };

  return (
    <section className="label-settings" aria-labelledby="labels-heading">
      <h2 id="labels-heading">{t('labelSet.heading')}</h2>
      <p className="hint">{t('labelSet.hint')}</p>
      <ol className="label-rows" aria-label={t('labelSet.list')}>
        {draft.map((label, i) => (
          <LabelRow
            key={label.id}
            label={label}
            index={i}
            count={draft.length}
            onChange={(next) => setDraft(draft.map((l) => (l.id === label.id ? next : l)))}
            onMove={(by) => move(i, by)}
            onDelete={() => void askDelete(label)}
          />
        ))}
      </ol>
      <form
        className="label-add"
        onSubmit={(event) => {
          event.preventDefault();
          if (!newName.trim()) return;
          setDraft([...draft, { id: labelIdFor(newName, draft.map((l) => l.id)), name: newName.trim(), color: newColor }]);
          setNewName('');
        }}
      >
        <input aria-label={t('labelSet.newName')} placeholder={t('labelSet.newPlaceholder')} value={newName} maxLength={60} onChange={(e) => setNewName(e.target.value)} />
        <input type="color" aria-label={t('labelSet.newColour')} value={newColor} onChange={(e) => setNewColor(e.target.value)} />
        <button type="submit" className="button-secondary" disabled={!newName.trim()}>
          {t('labelSet.add')}
        </button>
      </form>
      <div className="title-actions">
        <button type="button" className="button-primary" disabled={status.kind === 'saving'} onClick={() => void save(draft)}>
          {t('labelSet.apply')}
        </button>
        <button type="button" className="button-secondary" onClick={exportSet}>
          {t('labelSet.export')}
        </button>
        <button type="button" className="button-secondary" onClick={() => fileInput.current?.click()}>
          {t('labelSet.import')}
        </button>
        <input
          ref={fileInput}
          type="file"
          accept="application/json,.json"
          className="visually-hidden"
          aria-label={t('labelSet.importInput')}
          tabIndex={-1}
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) void importSet(file);
          }}
        />
      </div>
      {/* Rendered only with something to say: the colour form above has the page's other status. */}
      {status.kind !== 'idle' && (
        <div role="status" aria-label={t('labelSet.status')} className={status.kind === 'failed' ? 'field-error' : 'hint'}>
          {status.kind === 'saving' && t('labelSet.saving')}
          {status.kind === 'saved' && t('labelSet.saved')}
          {status.kind === 'failed' && (
            <ul className="label-errors">
              {status.messages.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {deleting && (
        <DeleteLabelDialog
          label={deleting.label}
          mentions={deleting.mentions}
          others={labels.filter((l) => l.id !== deleting.label.id)}
          onClose={(failure) => {
            setDeleting(null);
            if (failure !== undefined) setStatus(failure ? { kind: 'failed', messages: [failure] } : { kind: 'saved' });
          }}
        />
      )}
    </section>
  );
}
