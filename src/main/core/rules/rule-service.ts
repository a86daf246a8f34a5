import { ApiError } from '../../../shared/api';
import type { DocumentMeta, Rule, RulePreviewEntry } from '../../../shared/model';
import { applyRules, compileRule, RuleError, type Matcher, type RuleEffect, type RuleInput } from '../../../shared/rules/match-rule';
import { normaliseTag } from '../catalog';
import { newId } from '../ids';
import type { Track } from '../search/search-service';
import type { LibraryStore } from '../store/library-store';

/** A rule as a caller hands it in: a new one has no id, and lists may be left out. */
export type RuleDraft = Omit<Rule, 'id' | 'tags' | 'collections' | 'enabled'> & Partial<Pick<Rule, 'id' | 'tags' | 'collections' | 'enabled'>>;

/** Documents read per step of a preview: texts are read from disk a few at a time. */
const PREVIEW_CONCURRENCY = 8;

/**
 * The archive's filing rules: kept in library.json's settings (so they travel with the
 * archive), compiled once per change, applied to every import and, on demand, to the library.
 */
export class RuleService {
  private compiledFor: readonly Rule[] | null = null;
  private compiled: { rule: Rule; match: Matcher }[] = [];

  constructor(
    private readonly library: LibraryStore,
    private readonly readText: (id: string) => Promise<string>,
    private readonly track: Track,
  ) {}

  list(): Rule[] {
    return [...(this.library.settings().rules ?? [])];
  }

  /** Replaces the rule list; every pattern is compiled first, and a bad one refuses the whole save, naming the rule. */
  async save(drafts: readonly RuleDraft[]): Promise<Rule[]> {
    const rules = drafts.map((d) => toRule(d));
    const names = new Set<string>();
    for (const rule of rules) {
      if (names.has(rule.name.toLowerCase())) throw new ApiError('invalid_input', `Two rules are named "${rule.name}": give each rule its own name.`);
      names.add(rule.name.toLowerCase());
      if (!rule.tags.length && !rule.collections.length && !rule.date) throw new ApiError('invalid_input', `Rule "${rule.name}" assigns nothing: give it a tag, a collection or a date.`);
      compileChecked(rule);
    }
    await this.library.mutate((draft) => {
      draft.settings = { ...(draft.settings ?? this.library.settings()), rules };
    });
    return rules;
  }

  async add(draft: RuleDraft): Promise<Rule> {
    const rules = await this.save([...this.list(), draft]);
    return rules[rules.length - 1]!;
  }

  /** Removes a rule by id or by name (case-insensitive). */
  async remove(idOrName: string): Promise<Rule> {
    const list = this.list();
    const wanted = idOrName.trim().toLowerCase();
    const found = list.find((r) => r.id === idOrName) ?? list.find((r) => r.name.toLowerCase() === wanted);
    if (!found) throw new ApiError('not_found', `No rule with the id or name "${idOrName}".`);
    await this.save(list.filter((r) => r !== found));
    return found;
  }

  /** What the enabled rules give one document (import time: before it is stored). */
  effectFor(input: RuleInput): RuleEffect {
    const rules = this.library.settings().rules ?? [];
    if (this.compiledFor !== rules) {
      // Stored rules were checked when saved; one that no longer compiles (edited by hand) is skipped, not fatal to imports.
      this.compiled = rules.flatMap((rule) => {
        try {
          return [{ rule, match: compileRule(rule) }];
        } catch {
          return [];
        }
      });
      this.compiledFor = rules;
    }
    return applyRules(this.compiled, input);
  }

  /** The ids of the named collections, creating the missing ones in one write. */
  async collectionIds(names: readonly string[]): Promise<string[]> {
    if (!names.length) return [];
    const byName = () => new Map(this.library.collections().map((c) => [c.name, c.id]));
    const missing = names.filter((n) => !byName().has(n));
    if (missing.length) {
      await this.library.mutate((draft) => {
        const known = new Set((draft.collections ?? []).map((c) => c.name));
        for (const name of missing) if (!known.has(name)) (draft.collections ??= []).push({ id: newId(), name });
      });
    }
    const ids = byName();
    return names.map((n) => ids.get(n)!).filter(Boolean);
  }

  /** Applies an effect to a document's metadata (tags and collections added, the date set). */
  static merge(meta: DocumentMeta, effect: RuleEffect, collectionIds: readonly string[]): DocumentMeta {
    if (!effect.rules.length) return meta;
    const tags = [...new Set([...(meta.tags ?? []), ...effect.tags.map(normaliseTag).filter(Boolean)])].sort();
    const collections = [...new Set([...(meta.collections ?? []), ...collectionIds])];
    return { ...meta, ...(tags.length ? { tags } : {}), ...(collections.length ? { collections } : {}), ...(effect.date ? { date: effect.date } : {}) };
  }

  /** Which documents of the library the rules would change, and how; nothing is written. */
  async preview(): Promise<RulePreviewEntry[]> {
    const docs = [...this.library.documents()];
    const collectionNames = new Map(this.library.collections().map((c) => [c.id, c.name]));
    const out: (RulePreviewEntry | null)[] = new Array(docs.length).fill(null);
    let next = 0;
    const worker = async () => {
      while (next < docs.length) {
        const i = next++;
        const meta = docs[i]!;
        const effect = this.effectFor({ text: await this.readText(meta.id), title: meta.title, filename: meta.sourceName });
        if (!effect.rules.length) continue;
        const has = new Set(meta.tags ?? []);
        const inNames = new Set((meta.collections ?? []).map((id) => collectionNames.get(id)));
        const addTags = effect.tags.map(normaliseTag).filter((t) => t && !has.has(t));
        const addCollections = effect.collections.filter((n) => !inNames.has(n));
        const date = effect.date && effect.date !== meta.date ? effect.date : undefined;
        if (!addTags.length && !addCollections.length && !date) continue;
        out[i] = { docId: meta.id, title: meta.title, rules: effect.rules, addTags, addCollections, ...(date ? { date } : {}) };
      }
    };
    await Promise.all(Array.from({ length: PREVIEW_CONCURRENCY }, worker));
    return out.filter((e): e is RulePreviewEntry => e !== null);
  }

  /** Applies what preview() shows, in one write of library.json; answers what changed. */
  async apply(): Promise<RulePreviewEntry[]> {
    const entries = await this.preview();
    if (!entries.length) return entries;
    await this.collectionIds([...new Set(entries.flatMap((e) => e.addCollections))]);
    const idOf = new Map(this.library.collections().map((c) => [c.name, c.id]));
    const byDoc = new Map(entries.map((e) => [e.docId, e]));
    const work = () =>
      this.library.mutate((draft) => {
        const now = new Date().toISOString();
        draft.documents = draft.documents.map((doc) => {
          const entry = byDoc.get(doc.id);
          if (!entry) return doc;
          const effect: RuleEffect = { rules: entry.rules, tags: entry.addTags, collections: entry.addCollections, ...(entry.date ? { date: entry.date } : {}) };
          return { ...RuleService.merge(doc, effect, entry.addCollections.map((n) => idOf.get(n)!).filter(Boolean)), updatedAt: now };
        });
      });
    await this.track(work, () => [...byDoc.keys()], 'annotations');
    return entries;
  }
}

function toRule(draft: RuleDraft): Rule {
  return {
    id: draft.id ?? newId(),
    name: draft.name.trim(),
    field: draft.field,
    mode: draft.mode,
    pattern: draft.pattern.trim(),
    tags: [...new Set((draft.tags ?? []).map(normaliseTag).filter(Boolean))],
    collections: [...new Set((draft.collections ?? []).map((c) => c.trim()).filter(Boolean))],
    ...(draft.date ? { date: draft.date } : {}),
    enabled: draft.enabled ?? true,
  };
}

function compileChecked(rule: Rule): Matcher {
  try {
    return compileRule(rule);
  } catch (error) {
    if (error instanceof RuleError) throw new ApiError('invalid_input', error.message);
    throw error;
  }
}
