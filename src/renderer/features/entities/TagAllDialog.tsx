import { useState } from 'react';
import type { Occurrence } from '../../../shared/model';
import { useAppStore } from '../../store';
import { Dialog } from '../library/Dialog';
import { contextParts } from './context-parts';

const keyOf = (o: Occurrence) => `${o.docId}:${o.start}`;

/** The preview of tag-all: every untagged occurrence with its context, all ticked; the user confirms. */
export function TagAllDialog() {
  const preview = useAppStore((s) => s.tagAll);
  const close = useAppStore((s) => s.closeTagAll);
  if (!preview) return null;
  const where = preview.scope === 'document' ? 'this document' : 'the archive';
  return (
    <Dialog title={`Tag “${preview.quote}” as ${preview.label} in ${where}`} onClose={close} className="tag-all-dialog">
      {preview.status === 'loading' && <p className="loading">Looking for occurrences…</p>}
      {preview.status !== 'loading' && <Occurrences key={`${preview.annotationId}:${preview.scope}:${preview.caseSensitive}`} />}
    </Dialog>
  );
}

function Occurrences() {
  const preview = useAppStore((s) => s.tagAll)!;
  const confirm = useAppStore((s) => s.confirmTagAll);
  const close = useAppStore((s) => s.closeTagAll);
  const [skipped, setSkipped] = useState<ReadonlySet<string>>(new Set());
  const chosen = preview.items.filter((o) => !skipped.has(keyOf(o)));
  const toggle = (o: Occurrence) => {
    const next = new Set(skipped);
    if (!next.delete(keyOf(o))) next.add(keyOf(o));
    setSkipped(next);
  };
  const n = preview.items.length;
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void confirm(chosen);
      }}
    >
      <p role="status" className="tag-all-count">
        {n === 0 ? 'No untagged occurrences: every one is tagged already.' : `${n} untagged ${n === 1 ? 'occurrence' : 'occurrences'} (${preview.caseSensitive ? 'exact case' : 'any case'}, whole words).`}
      </p>
      {preview.error && (
        <p role="alert" className="field-error">
          {preview.error}
        </p>
      )}
      {n > 0 && (
        <ul className="occurrence-list" aria-label="Occurrences">
          {preview.items.map((o) => {
            const [before, hit, after] = contextParts(o.context, o.text);
            return (
              <li key={keyOf(o)}>
                <label className="occurrence">
                  <input type="checkbox" checked={!skipped.has(keyOf(o))} onChange={() => toggle(o)} aria-label={`Tag “${o.text}” in ${o.title} at ${o.start}`} />
                  <span className="occurrence-context">
                    {preview.scope === 'archive' && <span className="occurrence-doc">{o.title}</span>}
                    {before}
                    <strong>{hit}</strong>
                    {after}
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
      )}
      <div className="dialog-actions">
        <button type="button" className="button-secondary" onClick={close}>
          Cancel
        </button>
        <button type="submit" className="button-primary" disabled={!chosen.length || preview.status === 'saving'}>
          Tag {chosen.length} {chosen.length === 1 ? 'occurrence' : 'occurrences'}
        </button>
      </div>
    </form>
  );
}
