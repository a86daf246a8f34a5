import { useTranslation } from 'react-i18next';
import { useState, type FormEvent } from 'react';
import type { DocumentMeta } from '../../../shared/model';
import { formatDate, formatSize, formatType } from '../../format';
import { useAppStore } from '../../store';
import type { MetadataPatch } from '../../store/library-slice';
import { Dialog } from './Dialog';
import { parseTagList } from './tag-tree';

/** The details dialog of the document chosen in the table, when one is. */
export function DocumentDetails() {
  const { t } = useTranslation();
  const doc = useAppStore((s) => (s.detailsId && s.detailsMeta?.id === s.detailsId ? s.detailsMeta : undefined));
  const openDetails = useAppStore((s) => s.openDetails);
  if (!doc) return null;
  return (
    <Dialog title={t('details.title', { title: doc.title })} onClose={() => openDetails(null)} className="details-dialog">
      <DetailsForm key={doc.id} doc={doc} onDone={() => openDetails(null)} />
    </Dialog>
  );
}

/** Only what changed is sent; an emptied date, author or language is sent as null (cleared). */
function diff(doc: DocumentMeta, form: Record<'title' | 'date' | 'author' | 'language' | 'tags', string>): MetadataPatch {
  const patch: MetadataPatch = {};
  if (form.title.trim() !== doc.title) patch.title = form.title.trim();
  for (const key of ['date', 'author', 'language'] as const) {
    const value = form[key].trim();
    if (value !== (doc[key] ?? '')) patch[key] = value || null;
  }
  const tags = parseTagList(form.tags);
  if (tags.join('\n') !== (doc.tags ?? []).join('\n')) patch.tags = tags;
  return patch;
}

function DetailsForm({ doc, onDone }: { doc: DocumentMeta; onDone(): void }) {
  const { t } = useTranslation();
  const updateDocument = useAppStore((s) => s.updateDocument);
  const knownTags = useAppStore((s) => s.tags);
  const [form, setForm] = useState({ title: doc.title, date: doc.date ?? '', author: doc.author ?? '', language: doc.language ?? '', tags: (doc.tags ?? []).join(', ') });
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const field = (key: keyof typeof form) => ({
    value: form[key],
    onChange: (e: { currentTarget: { value: string } }) => setForm({ ...form, [key]: e.currentTarget.value }),
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const patch = diff(doc, form);
    if (!Object.keys(patch).length) return onDone();
    setSaving(true);
    const failure = await updateDocument(doc.id, patch);
    setSaving(false);
    if (failure) setError(failure);
    else onDone();
  }

  return (
    <form className="details-form" onSubmit={(e) => void submit(e)}>
      {(doc.notices ?? []).length > 0 && (
        <ul className="details-notices" aria-label={t('details.notices')}>
          {doc.notices!.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      <label className="field">
        <span>{t('details.docTitle')}</span>
        <input type="text" required {...field('title')} />
      </label>
      <div className="field-row">
        <label className="field">
          <span>{t('details.date')}</span>
          <input type="date" {...field('date')} />
        </label>
        <label className="field">
          <span>{t('details.language')}</span>
          <input type="text" list="language-options" placeholder={t('details.languagePlaceholder')} {...field('language')} />
        </label>
      </div>
      <datalist id="language-options">
        {['en', 'zh', 'zh-Hans', 'zh-Hant', 'fr', 'de', 'es', 'ja'].map((l) => (
          <option key={l} value={l} />
        ))}
      </datalist>
      <label className="field">
        <span>{t('details.author')}</span>
        <input type="text" {...field('author')} />
      </label>
      <label className="field">
        <span>{t('details.tags')}</span>
        <input type="text" list="details-tag-options" aria-describedby="tags-hint" {...field('tags')} />
        <small id="tags-hint" className="hint">
          {t('details.tagsHint')}
        </small>
      </label>
      <datalist id="details-tag-options">
        {knownTags.map((known) => (
          <option key={known.tag} value={known.tag} />
        ))}
      </datalist>
      <dl className="details-facts">
        <dt>{t('details.file')}</dt>
        <dd>{doc.sourceName}</dd>
        <dt>{t('details.type')}</dt>
        <dd>
          {formatType(doc.type)}, {formatSize(doc.size)}, {doc.encoding}
        </dd>
        <dt>{t('details.imported')}</dt>
        <dd>{formatDate(doc.importedAt)}</dd>
        {doc.version && doc.version > 1 && (
          <>
            <dt>{t('details.version')}</dt>
            <dd>{doc.version}</dd>
          </>
        )}
      </dl>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="button-secondary" onClick={onDone}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button-primary" disabled={saving}>
          {t('details.save')}
        </button>
      </div>
    </form>
  );
}
