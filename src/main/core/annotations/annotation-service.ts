import { ApiError } from '../../../shared/api';
import { layerWriteRefusal, type Annotation, type LayerRights, type RichDoc } from '../../../shared/model';
import { refuseIf } from '../layers/layer-rights';
import type { Track } from '../search/search-service';
import type { AnnotationsFile } from '../store/schemas';
import { mergeAnnotations } from './annotation-backups';
import { isEmptyDoc, patchAnnotation, type AnnotationPatch } from './annotation-patch';
import { byPosition, type AnnotationStore } from './annotation-store';
import { guardEdit } from './guard-edit';
import { buildAnnotation, targetFor, type NewAnnotation } from './new-annotation';

/** A change that adds or replaces no annotation (a removal, the note): only the ids and the note are compared. */
const NONE: ReadonlySet<string> = new Set();

/** Told after every change of a document's annotations (the entity mention index listens). */
export type AfterChange = (docId: string, annotations: readonly Annotation[]) => void;

/**
 * Highlights, comments and notes of documents. The quote and its context are taken from
 * the stored text here, never from the client, so a target always matches text.txt.
 */
export class AnnotationService {
  constructor(
    private readonly store: AnnotationStore,
    /** throws not_found for an unknown document */
    private readonly assertDoc: (docId: string) => void,
    private readonly readText: (docId: string) => Promise<string>,
    /** re-indexes the document for search after each change (comments are searchable) */
    private readonly track: Track,
    private readonly afterChange: AfterChange = () => {},
    /** the local user's name (Settings → Team): the author of what they create; unset: none is recorded */
    private readonly currentUser: () => string | undefined = () => undefined,
    /** who writes and their role (#18): a change to a layer not theirs is refused here, in every shell */
    private readonly rights: () => Promise<LayerRights> = async () => ({}),
  ) {}

  /** Throws read_only when the user may not change this annotation (another's layer; gold, for an annotator). */
  private async guard(): Promise<(a: Annotation) => void> {
    const rights = await this.rights();
    return (a) => refuseIf(layerWriteRefusal(a, rights));
  }

  /**
   * Throws read_only, before anything is written, when an annotation of these documents that
   * `touched` selects is not the user's to change: work over many documents (deleting a label
   * or an entity with its mentions) is refused whole rather than left half done.
   */
  async assertWritable(docIds: Iterable<string>, touched: (a: Annotation) => boolean): Promise<void> {
    const guard = await this.guard();
    for (const docId of docIds) for (const a of await this.list(docId)) if (touched(a)) guard(a);
  }

  async list(docId: string): Promise<Annotation[]> {
    this.assertDoc(docId);
    return this.store.list(docId);
  }

  async create(docId: string, input: NewAnnotation): Promise<Annotation> {
    const [annotation] = await this.createMany(docId, [input]);
    return annotation!;
  }

  /** Creates several annotations in one durable write (tag all occurrences). */
  async createMany(docId: string, inputs: readonly NewAnnotation[]): Promise<Annotation[]> {
    const text = await this.readText(docId);
    const user = this.currentUser();
    const created = inputs.map((input) => buildAnnotation(docId, text, input.author || !user ? input : { ...input, author: user }));
    // An explicit author is an import into that layer (import-annotations --layer); the rest is the user's own writing.
    const guard = await this.guard();
    inputs.forEach((input, i) => input.author || guard(created[i]!));
    await this.changed(docId, (data) => void data.annotations.push(...created), new Set(created.map((a) => a.id)));
    return created;
  }

  /**
   * Rewrites a document's annotations in one durable write: `edit` returns the new list
   * (merge, split and relabel of entities go through here).
   */
  async edit(docId: string, edit: (annotations: Annotation[]) => Annotation[]): Promise<Annotation[]> {
    this.assertDoc(docId);
    const guard = await this.guard();
    return this.changed(docId, (data) => {
      const next = edit(data.annotations);
      guardEdit(data.annotations, next, guard);
      return (data.annotations = next);
    });
  }

  /** The rejected-suggestion keys of a document ("LABEL|folded text"). */
  async rejected(docId: string): Promise<string[]> {
    this.assertDoc(docId);
    return (await this.store.read(docId)).rejected ?? [];
  }

  async addRejected(docId: string, key: string): Promise<void> {
    this.assertDoc(docId);
    await this.store.change(
      docId,
      (data) => {
        data.rejected = [...new Set([...(data.rejected ?? []), key])];
      },
      NONE,
    );
  }

  async update(docId: string, id: string, patch: AnnotationPatch): Promise<Annotation> {
    this.assertDoc(docId);
    const guard = await this.guard();
    return this.changed(docId, (data) => {
      const index = indexOf(data.annotations, id);
      const current = data.annotations[index]!;
      guard(current);
      const next = patchAnnotation(current, patch);
      data.annotations[index] = next;
      return next;
    }, new Set([id]));
  }

  /** Moves an annotation to a new range of the current text; an orphan is placed again; relations from a mention move with it. */
  async place(docId: string, id: string, start: number, end: number): Promise<Annotation> {
    const text = await this.readText(docId);
    if (end > text.length || start >= end) {
      throw new ApiError('invalid_input', `The range ${start}–${end} is not inside this document (length ${text.length}).`);
    }
    const target = targetFor(text, start, end);
    const guard = await this.guard();
    return this.changed(docId, (data) => {
      const index = indexOf(data.annotations, id);
      guard(data.annotations[index]!);
      const { orphan: _placed, ...rest } = data.annotations[index]!;
      const next: Annotation = { ...rest, target, updatedAt: new Date().toISOString() };
      data.annotations[index] = next;
      // A relation stands where its first mention does (DESIGN.md): it moves with it.
      data.annotations.forEach((a, i) => {
        if (a.kind === 'relation' && a.from === id) data.annotations[i] = { ...a, target: { ...target }, updatedAt: next.updatedAt };
      });
      return next;
    });
  }

  /** Stores a complete annotation made by another service (a relation), in one durable write. */
  async insert(docId: string, given: Annotation): Promise<Annotation> {
    this.assertDoc(docId);
    const user = this.currentUser();
    const annotation = given.author || !user ? given : { ...given, author: user };
    const guard = await this.guard();
    await this.changed(docId, (data) => {
      // A relation is written into its first mention's layer, and joins only mentions the user may change.
      guard(annotation);
      for (const end of [annotation.from, annotation.to]) {
        const mention = end ? data.annotations.find((a) => a.id === end) : undefined;
        if (mention) guard(mention);
      }
      data.annotations.push(annotation);
      data.annotations.sort(byPosition);
    }, new Set([annotation.id]));
    return annotation;
  }

  /** Stores complete annotations made by another service (relations an import brings), in one durable write. */
  async insertMany(docId: string, annotations: readonly Annotation[]): Promise<Annotation[]> {
    this.assertDoc(docId);
    if (!annotations.length) return [];
    await this.changed(docId, (data) => {
      data.annotations.push(...annotations);
      data.annotations.sort(byPosition);
    }, new Set(annotations.map((a) => a.id)));
    return [...annotations];
  }

  /**
   * Deletes an annotation; a mention takes its relations with it (returned in `relations`,
   * so undo can put them back after it).
   */
  async remove(docId: string, id: string): Promise<Annotation & { relations?: Annotation[] }> {
    this.assertDoc(docId);
    const guard = await this.guard();
    return this.changed(docId, (data) => {
      guard(data.annotations[indexOf(data.annotations, id)]!);
      const removed = data.annotations.splice(indexOf(data.annotations, id), 1)[0]!;
      const attached = data.annotations.filter((a) => a.kind === 'relation' && (a.from === id || a.to === id));
      if (!attached.length) return removed;
      data.annotations = data.annotations.filter((a) => !attached.includes(a));
      return { ...removed, relations: attached };
    }, NONE);
  }

  /** Puts back an annotation exactly as it was (undo of a delete); its target must still match the text. */
  async restore(docId: string, annotation: Annotation): Promise<Annotation> {
    const text = await this.readText(docId);
    const { start, end, quote } = annotation.target;
    if (!annotation.orphan && text.slice(start, end) !== quote) {
      throw new ApiError('invalid_input', 'This annotation no longer matches the document text.');
    }
    const restored = { ...annotation, docId };
    (await this.guard())(restored);
    await this.changed(docId, (data) => {
      if (data.annotations.some((a) => a.id === annotation.id)) throw new ApiError('invalid_input', `Annotation ${annotation.id} already exists.`);
      const ends = annotation.kind === 'relation' ? [annotation.from, annotation.to] : [];
      if (ends.some((end) => !data.annotations.some((a) => a.id === end && a.kind === 'entity'))) throw new ApiError('invalid_input', 'A relation can only come back while both its mentions are there.');
      data.annotations.push(restored);
      data.annotations.sort(byPosition);
    }, new Set([restored.id]));
    return restored;
  }

  /**
   * Puts the newest good copy of annotations.json back without losing what was written since
   * the damage: annotations added since stay, the copy fills in the rest.
   */
  async restoreBackup(docId: string, file?: string): Promise<{ restored: number; from: string }> {
    this.assertDoc(docId);
    const backup = await this.store.goodCopy(docId, file);
    if (!backup) throw new ApiError('not_found', `There is no good copy of the annotations of document ${docId} to restore.`);
    return this.changed(docId, (data) => {
      const merged = mergeAnnotations(data, backup.data);
      const restored = merged.annotations.length - data.annotations.length;
      Object.assign(data, merged);
      return { restored, from: backup.file };
    });
  }

  /** `touched`: the annotations `apply` adds or replaces, when it knows them (AnnotationStore.change); never edited in place. */
  private changed<T>(docId: string, apply: (data: AnnotationsFile) => T, touched?: ReadonlySet<string>): Promise<T> {
    const work = () =>
      this.store.change(
        docId,
        (data) => {
          const result = apply(data);
          return { result, annotations: [...data.annotations] };
        },
        touched,
      );
    return this.track(work, () => [docId], 'annotations').then(({ result, annotations }) => {
      this.afterChange(docId, annotations);
      return result;
    });
  }

  async note(docId: string) {
    this.assertDoc(docId);
    return this.store.note(docId);
  }

  async setNote(docId: string, note: RichDoc | null): Promise<{ updatedAt: string }> {
    this.assertDoc(docId);
    const updatedAt = new Date().toISOString();
    await this.changed(docId, (data) => {
      data.note = note && !isEmptyDoc(note) ? note : null;
      data.noteUpdatedAt = updatedAt;
    }, NONE);
    return { updatedAt };
  }
}

function indexOf(annotations: Annotation[], id: string): number {
  const index = annotations.findIndex((a) => a.id === id);
  if (index < 0) throw new ApiError('not_found', `No annotation with id ${id} in this document.`);
  return index;
}
