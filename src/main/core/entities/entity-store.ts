import type { Low } from 'lowdb';
import { ApiError } from '../../../shared/api';
import type { Entity } from '../../../shared/model';
import { foldName } from '../../../shared/text/words';
import { newId } from '../ids';
import { rename } from 'node:fs/promises';
import { exists, writeFileDurable } from '../store/durable-file';
import { keepCopy, newestGoodCopy } from '../store/file-copies';
import { mutateCopy, openJsonStore, parseStore, StoreDamagedError } from '../store/json-store';
import { Mutex } from '../store/mutex';
import type { RepairsStore } from '../store/repairs-store';
import { entitiesFileSchema, type EntitiesFile } from '../store/schemas';

/**
 * entities.json: the archive-wide registry (label, canonical name, aliases). Kept apart from
 * library.json so that tagging does not rewrite the metadata of every document.
 */
/** Copies of entities.json kept in backups/, one per writable start. */
const KEEP_COPIES = 10;

export class EntityStore {
  private readonly mutex = new Mutex();
  private byId = new Map<string, Entity>();

  private constructor(
    private readonly db: Low<EntitiesFile>,
    /** what the user should know (a damaged file was set aside) */
    readonly notices: readonly string[],
  ) {
    this.reindex();
  }

  /**
   * A damaged entities.json is set aside (never overwritten) and the registry comes back from
   * the newest good copy in backups/ (one is kept at each writable start), else starts empty;
   * either way with a notice and a repair.
   */
  static async open(file: string, writable: boolean, repairs: RepairsStore | null = null, backups: string | null = null): Promise<EntityStore> {
    const notices: string[] = [];
    const db = openJsonStore(file, entitiesFileSchema, { version: 1, entities: [] });
    try {
      await db.read();
      if (writable && backups && (await exists(file))) {
        await keepCopy(file, backups, 'entities', KEEP_COPIES).catch((error: unknown) => {
          notices.push(`entities.json could not be backed up (${(error as Error).message}); your work is saved, but the newest backup is older.`);
        });
      }
    } catch (error) {
      if (!(error instanceof StoreDamagedError)) throw error;
      const copy = backups ? await newestGoodCopy(backups, 'entities', (f, raw) => parseStore(f, raw, entitiesFileSchema)) : null;
      db.data = copy ? copy.data : { version: 1, entities: [] };
      let aside: string | undefined;
      if (writable) {
        aside = `${file}.damaged-${Date.now()}`;
        await rename(file, aside);
        if (copy) await writeFileDurable(file, JSON.stringify(copy.data, null, 1));
      }
      const outcome = copy
        ? `The registry was restored from the backup ${copy.file} (taken ${copy.at}, ${copy.data.entities.length} entities); entities added after it are missing (their mentions keep their labels).`
        : 'No good backup was found: the registry starts empty. Mentions in documents keep their labels.';
      notices.push(`${error.message}. ${aside ? `It was set aside as ${aside}. ` : ''}${outcome}`);
      await repairs?.record({
        file,
        problem: error.message,
        action: `${aside ? 'Set aside' : 'Shown from the backup, not written (read-only)'}. ${outcome}`,
        ...(aside ? { setAsideAs: aside } : {}),
        ...(copy ? { backup: copy.file, backupAt: copy.at } : {}),
      });
    }
    return new EntityStore(db, notices);
  }

  all(): readonly Entity[] {
    return this.db.data.entities;
  }

  get(id: string): Entity {
    const entity = this.byId.get(id);
    if (!entity) throw new ApiError('not_found', `No entity with id ${id}.`);
    return entity;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** The entity of this label that goes by this name (canonical or alias), if any. */
  find(label: string, name: string): Entity | undefined {
    const wanted = foldName(name);
    return this.db.data.entities.find((e) => e.label === label && (foldName(e.name) === wanted || e.aliases.some((a) => foldName(a) === wanted)));
  }

  /** The entity for a mention: the one this name already belongs to, else a new one. */
  async resolve(label: string, name: string): Promise<Entity> {
    const found = this.find(label, name);
    if (found) return found;
    const now = new Date().toISOString();
    const entity: Entity = { id: newId(), label, name: name.replace(/\s+/g, ' ').trim(), aliases: [], createdAt: now, updatedAt: now };
    await this.mutate((draft) => void draft.entities.push(entity));
    return entity;
  }

  /**
   * The entities for many (label, name) pairs in one durable write (annotation import):
   * one lookup table for the batch, so the cost grows with the pairs, not pairs × registry.
   */
  async resolveMany(pairs: readonly { label: string; name: string }[]): Promise<Entity[]> {
    const key = (label: string, name: string) => `${label}\u0000${foldName(name)}`;
    const known = new Map<string, Entity>();
    for (const e of this.db.data.entities) for (const name of [e.name, ...e.aliases]) if (!known.has(key(e.label, name))) known.set(key(e.label, name), e);
    const now = new Date().toISOString();
    const fresh: Entity[] = [];
    const out = pairs.map(({ label, name }) => {
      const k = key(label, name);
      let entity = known.get(k);
      if (!entity) {
        entity = { id: newId(), label, name: name.replace(/\s+/g, ' ').trim(), aliases: [], createdAt: now, updatedAt: now };
        known.set(k, entity);
        fresh.push(entity);
      }
      return entity;
    });
    if (fresh.length) await this.mutate((draft) => void draft.entities.push(...fresh));
    return out;
  }

  /** Edits a copy, writes it durably, then makes it current. */
  mutate<T>(apply: (draft: EntitiesFile) => T): Promise<T> {
    return mutateCopy(this.db, this.mutex, apply, () => this.reindex());
  }

  private reindex() {
    this.byId = new Map(this.db.data.entities.map((e) => [e.id, e]));
  }
}
