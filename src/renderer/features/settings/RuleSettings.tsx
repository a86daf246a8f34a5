import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RULE_FIELDS, RULE_MODES, type Rule, type RuleField, type RuleMode } from '../../../shared/model';
import { useAppStore } from '../../store';
import { RulePreview } from './RulePreview';

const emptyForm = { name: '', field: 'text' as RuleField, mode: 'any' as RuleMode, pattern: '', tags: '', collections: '', date: '' };
const list = (value: string) =>
  value
    .split(/[,，;；]/)
    .map((v) => v.trim())
    .filter(Boolean);

/** Settings → Rules: filing rules applied to every import, and a preview of running them over the library. */
export function RuleSettings() {
  const { t } = useTranslation();
  const rules = useAppStore((s) => s.rules);
  const saveRules = useAppStore((s) => s.saveRules);
  const previewRules = useAppStore((s) => s.previewRules);
  const loadInbox = useAppStore((s) => s.loadInbox);
  const [form, setForm] = useState(emptyForm);
  /** the rule being edited in the form, or null when the form adds one */
  const [editing, setEditing] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => void loadInbox(), [loadInbox]);

  const run = async (work: () => Promise<string | null>, ok: string) => {
    setBusy(true);
    const failure = await work();
    setBusy(false);
    setMessage(failure ? { kind: 'error', text: failure } : { kind: 'ok', text: ok });
    return !failure;
  };
  const add = async () => {
    const rule = { name: form.name, field: form.field, mode: form.mode, pattern: form.pattern, tags: list(form.tags), collections: list(form.collections), enabled: true, ...(form.date ? { date: form.date } : {}) };
    const next = editing ? rules.map((r) => (r.id === editing ? { ...rule, id: r.id, enabled: r.enabled } : r)) : [...rules, rule];
    if (await run(() => saveRules(next), t(editing ? 'rules.saved' : 'rules.added', { name: form.name }))) {
      setForm(emptyForm);
      setEditing(null);
    }
  };
  const edit = (rule: Rule) => {
    setEditing(rule.id);
    setForm({ name: rule.name, field: rule.field, mode: rule.mode, pattern: rule.pattern, tags: rule.tags.join(', '), collections: rule.collections.join(', '), date: rule.date ?? '' });
  };
  const move = (index: number, by: -1 | 1) => {
    const next = [...rules];
    [next[index], next[index + by]] = [next[index + by]!, next[index]!];
    return run(() => saveRules(next), t('rules.saved'));
  };
  const toggle = (rule: Rule) => run(() => saveRules(rules.map((r) => (r.id === rule.id ? { ...r, enabled: !r.enabled } : r))), t('rules.saved'));
  const remove = (rule: Rule) => run(() => saveRules(rules.filter((r) => r.id !== rule.id)), t('rules.removed', { name: rule.name }));
  const field = (key: keyof typeof emptyForm) => ({ value: form[key], onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }) });

  return (
    <section className="settings-form rule-settings" aria-labelledby="rules-heading">
      <fieldset>
        <legend id="rules-heading">{t('rules.heading')}</legend>
        <p className="hint">{t('rules.hint')}</p>
        {rules.length === 0 ? (
          <p className="hint">{t('rules.none')}</p>
        ) : (
          <table className="rule-table">
            <thead>
              <tr>
                <th scope="col">{t('rules.name')}</th>
                <th scope="col">{t('rules.matches')}</th>
                <th scope="col">{t('rules.assigns')}</th>
                <th scope="col">{t('rules.enabled')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('rules.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rules.map((rule, index) => (
                <tr key={rule.id}>
                  <th scope="row">{rule.name}</th>
                  <td>
                    {t(`rules.field_${rule.field}`)} · {t(`rules.mode_${rule.mode}`)} · <code>{rule.pattern}</code>
                  </td>
                  <td>{assigns(rule, t)}</td>
                  <td>
                    <input type="checkbox" checked={rule.enabled} aria-label={t('rules.enable', { name: rule.name })} onChange={() => void toggle(rule)} disabled={busy} />
                  </td>
                  <td className="rule-actions">
                    <button type="button" onClick={() => void move(index, -1)} disabled={busy || index === 0} aria-label={t('rules.up', { name: rule.name })}>
                      ↑
                    </button>
                    <button type="button" onClick={() => void move(index, 1)} disabled={busy || index === rules.length - 1} aria-label={t('rules.down', { name: rule.name })}>
                      ↓
                    </button>
                    <button type="button" onClick={() => edit(rule)} disabled={busy} aria-label={t('rules.edit', { name: rule.name })}>
                      {t('rules.editShort')}
                    </button>
                    <button type="button" onClick={() => void remove(rule)} disabled={busy} aria-label={t('rules.remove', { name: rule.name })}>
                      {t('rules.removeShort')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <form
          className="rule-form"
          aria-label={t('rules.addHeading')}
          onSubmit={(event) => {
            event.preventDefault();
            void add();
          }}
        >
          <h3 className="subheading">{editing ? t('rules.editHeading', { name: rules.find((r) => r.id === editing)?.name ?? '' }) : t('rules.addHeading')}</h3>
          <label>
            {t('rules.name')}
            <input required maxLength={100} {...field('name')} />
          </label>
          <label>
            {t('rules.field')}
            <select {...field('field')}>
              {RULE_FIELDS.map((f) => (
                <option key={f} value={f}>
                  {t(`rules.field_${f}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('rules.mode')}
            <select {...field('mode')}>
              {RULE_MODES.map((m) => (
                <option key={m} value={m}>
                  {t(`rules.mode_${m}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="rule-wide">
            {t('rules.pattern')}
            <input required maxLength={500} spellCheck={false} {...field('pattern')} />
          </label>
          <label>
            {t('rules.tags')}
            <input placeholder={t('rules.listPlaceholder')} {...field('tags')} />
          </label>
          <label>
            {t('rules.collections')}
            <input placeholder={t('rules.listPlaceholder')} {...field('collections')} />
          </label>
          <label>
            {t('rules.date')}
            <input type="date" {...field('date')} />
          </label>
          <div className="title-actions rule-wide">
            <button type="submit" className="button-primary" disabled={busy}>
              {editing ? t('rules.saveRule') : t('rules.add')}
            </button>
            {editing && (
              <button
                type="button"
                onClick={() => {
                  setEditing(null);
                  setForm(emptyForm);
                }}
              >
                {t('rules.cancelEdit')}
              </button>
            )}
            <button type="button" disabled={busy || rules.length === 0} onClick={() => void run(previewRules, t('rules.previewReady'))}>
              {t('rules.preview')}
            </button>
          </div>
        </form>
        <p role="status" aria-label={t('rules.statusLabel')} className={message?.kind === 'error' ? 'field-error' : 'hint'}>
          {message?.text}
        </p>
        <RulePreview />
      </fieldset>
    </section>
  );
}

export function assigns(rule: Pick<Rule, 'tags' | 'collections' | 'date'>, t: (key: string, args?: Record<string, unknown>) => string): string {
  return [
    rule.tags.length ? t('rules.assignTags', { tags: rule.tags.join(', ') }) : '',
    rule.collections.length ? t('rules.assignCollections', { collections: rule.collections.join(', ') }) : '',
    rule.date ? t('rules.assignDate', { date: rule.date }) : '',
  ]
    .filter(Boolean)
    .join('; ');
}
