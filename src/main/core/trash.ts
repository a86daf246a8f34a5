import { ApiError } from '../../shared/api';
import type { Annotation, DocumentMeta, TrashedDocument } from '../../shared/model';
import type { AnnotationService } from './annotations/annotation-service';
import type { AnnotationStore } from './annotations/annotation-store';
import type { Track } from './search/search-service';
import type { DocStore } from './store/doc-store';
import { untrashed, type LibraryStore } from './store/library-store';

export interface TrashDeps {
  library: LibraryStore;
  docs: DocStore;
  annotationStore: AnnotationStore;
  annotations: AnnotationService;
  /** re-indexes for search: a trashed document leaves the index, a restored one comes back */
  track: Track;
  /** the entity mention counts follow the documents in and out of the trash */
  mentionsChanged: (docId: string, annotations: readonly Annotation[]) => void;
  /**
   * The entity a restored mention belongs to now: its own if it still exists, else the one
   * that goes by its text in its label (an entity merged away lives on as an alias), else none.
   */
  entityFor: (mention: Annotation) => string | undefined;
}

const DAY_MS = 86_400_000;

/**
 * Deleting documents without losing them: a deleted document's folder (text, original,
 * annotations, note, versions) moves whole into trash/ by one rename, and library.json moves
 * its entry from `documents` to `trash` in one write right after, under the library's lock.
 * A crash between the two is finished at the next open (LibraryStore reconciles by where the
 * folder is). Restoring is the same two steps backwards; emptying renames the folder out of
 * the trash's listing before it is removed, so nothing is ever half in the trash.
 */
export class Trash {
  constructor(private readonly deps: TrashDeps) {}

  list(): readonly TrashedDocument[] {
    return this.deps.library.trash();
  }

  /** Moves documents to the trash; answers their trash entries. */
  async delete(ids: readonly string[]): Promise<TrashedDocument[]> {
    const { library, docs, annotationStore } = this.deps;
    const wanted = [...new Set(ids)];
    for (const id of wanted) {
      if (library.trashed(id)) throw new ApiError('invalid_input', `The document ${id} is in the trash already.`);
      if (!library.get(id)) throw new ApiError('not_found', `No document with id ${id} in this archive.`);
    }
    const deletedAt = new Date().toISOString();
    let failure: unknown = null;
    const moved = new Map<string, number>();
    const work = () =>
      library.commit(
        async () => {
          for (const id of wanted) {
            try {
              // Holding the annotations file: no write can land in the folder while it moves.
              await annotationStore.exclusive(id, async (data) => {
                await docs.moveToTrash(id);
                moved.set(id, data.annotations.length);
              });
            } catch (error) {
              failure = error;
              break;
            }
          }
        },
        (draft) => {
          const entries: TrashedDocument[] = [];
          draft.documents = draft.documents.filter((doc) => {
            if (!moved.has(doc.id)) return true;
            entries.push({ ...doc, deletedAt, annotationCount: moved.get(doc.id)! });
            return false;
          });
          draft.trash = [...(draft.trash ?? []).filter((t) => !moved.has(t.id)), ...entries];
          return entries;
        },
      );
    // library.json could not be written (a full disk): the folders go back, so this session agrees with the disk.
    const entries = await this.deps.track(work, (list) => list.map((e) => e.id)).catch((error: unknown) => this.undoMoves([...moved.keys()], (id) => docs.restoreFromTrash(id), error));
    for (const entry of entries) this.deps.mentionsChanged(entry.id, []);
    if (failure) throw new ApiError('io', `Could not move every document to the trash (${entries.length} of ${wanted.length} moved): ${(failure as Error).message}`);
    return entries;
  }

  /** Brings documents back from the trash with everything they carried. */
  async restore(ids: readonly string[]): Promise<DocumentMeta[]> {
    const { library, docs, annotationStore } = this.deps;
    const wanted = [...new Set(ids)];
    for (const id of wanted) if (!library.trashed(id)) throw new ApiError('not_found', `No document with id ${id} in the trash.`);
    let failure: unknown = null;
    const moved = new Set<string>();
    const work = () =>
      library.commit(
        async () => {
          for (const id of wanted) {
            try {
              await docs.restoreFromTrash(id);
              annotationStore.forget(id);
              moved.add(id);
            } catch (error) {
              failure = error;
              break;
            }
          }
        },
        (draft) => {
          const collections = new Set((draft.collections ?? []).map((c) => c.id));
          const restored: DocumentMeta[] = [];
          draft.trash = (draft.trash ?? []).filter((entry) => {
            if (!moved.has(entry.id)) return true;
            const meta = untrashed(entry);
            // A collection deleted meanwhile is not brought back with it.
            if (meta.collections) meta.collections = meta.collections.filter((c) => collections.has(c));
            restored.push(meta);
            return false;
          });
          draft.documents.push(...restored);
          return restored;
        },
      );
    const restored = await this.deps
      .track(work, (list) => list.map((d) => d.id))
      .catch((error: unknown) => this.undoMoves([...moved], (id) => docs.moveToTrash(id), error));
    for (const meta of restored) await this.relink(meta.id);
    if (failure) throw new ApiError('io', `Could not restore every document (${restored.length} of ${wanted.length} restored): ${(failure as Error).message}`);
    return restored;
  }

  /** Removes documents from the trash for good (all of them without ids); answers how many. */
  async empty(ids?: readonly string[]): Promise<number> {
    const { library, docs } = this.deps;
    const wanted = ids ? [...new Set(ids)] : library.trash().map((t) => t.id);
    for (const id of wanted) if (!library.trashed(id)) throw new ApiError('not_found', `No document with id ${id} in the trash.`);
    if (wanted.length === 0) return 0;
    const marked = new Set<string>();
    const removed = await library
      .commit(
        async () => {
          for (const id of wanted) {
            await docs.markForRemoval(id);
            marked.add(id);
          }
        },
        (draft) => {
          draft.trash = (draft.trash ?? []).filter((t) => !marked.has(t.id));
          return marked.size;
        },
      )
      .catch((error: unknown) => this.undoMoves([...marked], (id) => docs.unmarkForRemoval(id), error));
    await docs.sweepTrash();
    return removed;
  }

  /** Empties what has been in the trash longer than `days` (the archive's setting, applied at open). */
  emptyOlderThan(days: number, now = Date.now()): Promise<number> {
    const cutoff = now - days * DAY_MS;
    const old = this.deps.library.trash().filter((t) => Date.parse(t.deletedAt) <= cutoff);
    return old.length ? this.empty(old.map((t) => t.id)) : Promise.resolve(0);
  }

  /** Puts folders back where library.json (unchanged) says they are, then fails with the original error. */
  private async undoMoves(ids: readonly string[], back: (id: string) => Promise<void>, error: unknown): Promise<never> {
    for (const id of ids) {
      try {
        await back(id);
      } catch {
        /* left for the next open to reconcile (the folder's place is the truth) */
      }
    }
    throw error;
  }

  /**
   * A restored document's mentions count again. A mention of an entity merged away while the
   * document was in the trash follows the merge; one of a deleted entity keeps its label but
   * loses the broken link.
   */
  private async relink(docId: string): Promise<void> {
    const list = await this.deps.annotations.list(docId);
    const stale = (a: Annotation) => a.entityId !== undefined && this.deps.entityFor(a) !== a.entityId;
    if (!list.some(stale)) return this.deps.mentionsChanged(docId, list);
    const now = new Date().toISOString();
    await this.deps.annotations.edit(docId, (all) =>
      all.map((a) => {
        if (!stale(a)) return a;
        const { entityId: _old, ...rest } = a;
        const entityId = this.deps.entityFor(a);
        return { ...rest, ...(entityId ? { entityId } : {}), updatedAt: now };
      }),
    );
  }
}
