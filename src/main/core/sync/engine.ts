import { randomUUID } from 'node:crypto';
import { GOLD_LAYER, LAYER_NAME_PATTERN } from '../../../shared/model/layers';
import type { TeamStatus, TeamSyncSummary } from '../../../shared/model/team';
import type { Archive } from '../archive';
import { applyIncoming, type Incoming } from './apply';
import { checkIncoming } from './incoming-check';
import { SyncError, TeamClient, type RemoteRecord } from './client';
import { ALL_CHANGED, type ChangeScope } from './change-log';
import { documentFiles, GLOBAL_KINDS, keyOf, readLocalRecords, type DocumentContent, type LocalRecord, type RecordKind } from './local-records';
import { digest, mergeRecord, same, setPath } from './merge';
import { runLimited } from '../run-limited';
import { dropKnown, forgetState, loadState, saveState, setKnown, type KnownRecord, type SyncConflict, type SyncState } from './state';

export interface SyncProgress {
  phase: 'pull' | 'apply' | 'upload' | 'push';
  done: number;
  total: number;
}

/** What one sync did (the same as the team contract's). */
export type SyncSummary = TeamSyncSummary;

const hashOf = (record: LocalRecord) => (record.hash ??= digest(record.content));

/** Whether a local record is still what both sides agreed on at the last sync. */
const unchanged = (known: KnownRecord, record: LocalRecord) => (known.h !== undefined ? known.h === hashOf(record) : same(known.base, record.content));

const agreed = (v: number, base: unknown, owner: string | undefined): KnownRecord => ({ v, base, ...(owner ? { owner } : {}), ...(base === null ? {} : { h: digest(base) }) });

const PULL_PAGE = 1000;
const PUSH_BATCH = 500;
const MAX_ROUNDS = 5;

/** Signs this archive in to a server; the token is kept with the archive (sync/state.json). */
export async function signIn(archiveDir: string, server: string, user: string, password: string): Promise<{ user: string; role: string }> {
  const url = new URL(server).toString().replace(/\/$/, '');
  const client = new TeamClient(url);
  const answer = await client.signIn(user, password);
  let state = await loadState(archiveDir);
  // Another server or another user: what was synced before says nothing about this one.
  // (and every record here is new to it: the next sync compares them all, whatever the change log says)
  if (state.server !== url || state.user !== user) state = { ...state, server: url, user, cursor: 0, records: {}, rescan: true };
  state = { ...state, token: answer.token, role: answer.user.role, writable: answer.user.writable };
  await saveState(archiveDir, state);
  return { user: answer.user.name, role: answer.user.role };
}

/**
 * Signed in, the user's layer is their account's: what they annotate here carries the name
 * the server knows them by (Settings → Team → Your name follows it). A server name that is
 * no layer name (gold, or one starting with a dot) leaves the setting as it is.
 */
export async function adoptSignedInUser(archive: Archive, user: string): Promise<void> {
  if (archive.catalog.settings().team?.user === user || user === GOLD_LAYER || !LAYER_NAME_PATTERN.test(user)) return;
  await archive.catalog.updateSettings((current) => ({ ...current, team: { ...current.team, user } }));
}

export async function signOut(archiveDir: string): Promise<void> {
  const state = await loadState(archiveDir);
  if (state.server && state.token) await new TeamClient(state.server, state.token).signOut().catch(() => undefined);
  delete state.token;
  await saveState(archiveDir, state);
}

const titleOf = (kind: RecordKind, id: string, content: unknown): string => {
  const c = content as { meta?: { title?: string }; name?: string; target?: { quote?: string } } | null;
  return c?.meta?.title ?? c?.name ?? c?.target?.quote ?? `${kind} ${id}`;
};

/**
 * One sync: pull what changed on the server since the last one, merge it with what changed
 * here, then push what changed here, each write naming the version it was based on. A write
 * the server refuses as a conflict is merged with the server's record and pushed again. The
 * state is saved after every step, and every step can run twice without harm, so a sync cut
 * short (the server killed, the network gone) resumes with the next one and duplicates nothing.
 */
export async function syncArchive(archive: Archive, onProgress: (p: SyncProgress) => void = () => undefined): Promise<SyncSummary> {
  const { changes } = archive.syncStores();
  try {
    const summary = await syncOnce(archive, onProgress);
    changes.settle();
    return summary;
  } catch (error) {
    // What this sync took from the change log is compared again next time; the files, not this process's copy, say what was agreed.
    changes.giveBack();
    forgetState(archive.layout.root);
    throw error;
  }
}

/** The documents a record belongs to (none for the kinds held whole in memory). */
function docOfRecord(state: SyncState, kind: RecordKind, id: string, content: unknown): string | undefined {
  if (kind === 'document' || kind === 'note') return id;
  if (kind !== 'annotation') return undefined;
  const docId = (content as { docId?: unknown } | null)?.docId ?? (state.records[keyOf(kind, id)]?.base as { docId?: unknown } | null)?.docId;
  return typeof docId === 'string' ? docId : undefined;
}

/** The change log's scope widened by these documents (those the server sent changes for). */
const widen = (scope: ChangeScope, docs: Iterable<string>): ChangeScope => (scope.all ? scope : { all: false, docs: new Set([...scope.docs, ...docs]) });

async function syncOnce(archive: Archive, onProgress: (p: SyncProgress) => void): Promise<SyncSummary> {
  const dir = archive.layout.root;
  const { changes } = archive.syncStores();
  const state = await loadState(dir);
  if (!state.server || !state.token || !state.user) throw new SyncError(401, 'This archive is not signed in to a server: sign in first (Settings → Team, or marginalia sync --server URL --user NAME).');
  await adoptSignedInUser(archive, state.user);
  const client = new TeamClient(state.server, state.token);
  const summary: SyncSummary = { pulled: 0, pushed: 0, uploaded: 0, conflicts: 0, refused: [], rejected: [], changedDocs: [], cursor: state.cursor };
  const changed = new Set<string>();

  // Pull: every page first, then apply, documents before what hangs on them.
  const incoming: RemoteRecord[] = [];
  let cursor = state.cursor;
  for (;;) {
    const page = await client.changes(cursor, PULL_PAGE);
    incoming.push(...page.changes);
    cursor = page.cursor;
    onProgress({ phase: 'pull', done: incoming.length, total: incoming.length + (page.more ? PULL_PAGE : 0) });
    if (!page.more) break;
  }
  // Of a record changed twice since, only the newest counts.
  const newest = new Map<string, RemoteRecord>();
  for (const record of incoming) newest.set(keyOf(record.kind, record.id), record);
  summary.pulled = newest.size;
  let local: Map<string, LocalRecord>;
  // What changed here since the last sync (taken before anything is read, so a change made meanwhile is caught next time).
  let scope = await changes.take();
  if (state.rescan) scope = ALL_CHANGED;
  // Our own pushes coming back (or records already merged) need no reading here.
  const unseen = [...newest.values()].filter((r) => !(r.version <= (state.records[keyOf(r.kind, r.id)]?.v ?? 0)));
  if (unseen.length) {
    const remoteDocs = unseen.map((r) => docOfRecord(state, r.kind, r.id, r.content)).filter((d): d is string => d !== undefined);
    local = await readLocalRecords(archive, widen(scope, remoteDocs));
    await merge(archive, client, state, local, unseen, summary, changed, (done) => onProgress({ phase: 'apply', done, total: unseen.length }));
  }
  if (newest.size || cursor !== state.cursor) {
    state.cursor = cursor;
    await saveState(dir, state);
  }

  // Push: what differs from the last agreed copy, in rounds (a conflict is merged, then pushed again).
  const writable = new Set(state.writable ?? []);
  // Versions are taken one after another under the server's push lock: while ours follow the
  // cursor without a gap, nobody else wrote in between, and the cursor moves past them (the
  // next pull does not bring our own writes back; a gap stops it, and the pull fetches the rest).
  let contiguous = true;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    // Every change marked so far, those the merge just applied included.
    const marked = await changes.take();
    scope = state.rescan ? ALL_CHANGED : marked;
    local = await readLocalRecords(archive, scope);
    const writes = pendingWrites(state, local, scope).filter((w) => {
      const owner = state.records[keyOf(w.kind, w.id)]?.owner;
      // An annotator's layer is theirs: others' annotations they hold are not theirs to send.
      const reason = !writable.has(w.kind)
        ? `a ${state.role} may not change ${w.kind} records: the change is kept in this archive only`
        : state.role === 'annotator' && owner && owner !== state.user
          ? `this annotation is ${owner}'s: the change is kept in this archive only`
          : null;
      if (reason && round === 0) summary.refused.push({ kind: w.kind, id: w.id, reason });
      return !reason;
    });
    if (!writes.length) break;
    const docs = writes.filter((w) => w.kind === 'document' && !w.deleted);
    summary.uploaded += await uploadFiles(archive, client, docs.map((w) => w.content as DocumentContent), (done, total) => onProgress({ phase: 'upload', done, total }));
    const conflicts: RemoteRecord[] = [];
    for (let i = 0; i < writes.length; i += PUSH_BATCH) {
      const batch = writes.slice(i, i + PUSH_BATCH);
      const answer = await client.push(batch.map(({ content, ...w }) => (w.deleted ? w : { ...w, content })));
      const sent = new Map(batch.map((w) => [keyOf(w.kind, w.id), w]));
      for (const applied of answer.applied) {
        const key = keyOf(applied.kind, applied.id);
        const write = sent.get(key)!;
        if (write.deleted) dropKnown(state, key);
        else setKnown(state, key, agreed(applied.version, write.content, state.records[key]?.owner ?? state.user));
      }
      for (const version of answer.applied.map((x) => x.version).sort((x, y) => x - y)) {
        if (contiguous && version === state.cursor + 1) state.cursor = version;
        else contiguous = false;
      }
      summary.pushed += answer.applied.length;
      conflicts.push(...answer.conflicts);
      for (const refused of answer.refused) if (!summary.refused.some((r) => r.kind === refused.kind && r.id === refused.id)) summary.refused.push(refused);
      await saveState(dir, state);
      onProgress({ phase: 'push', done: Math.min(i + PUSH_BATCH, writes.length), total: writes.length });
    }
    if (!conflicts.length) break;
    await merge(archive, client, state, local, conflicts, summary, changed, () => undefined);
    await saveState(dir, state);
    // Refused writes stay local; only conflicts are worth another round.
    if (summary.refused.length && conflicts.length === 0) break;
  }
  state.lastSync = new Date().toISOString();
  delete state.rescan;
  await saveState(dir, state);
  summary.changedDocs = [...changed];
  summary.cursor = state.cursor;
  return summary;
}

interface PendingWrite {
  kind: RecordKind;
  id: string;
  base: number;
  deleted?: boolean;
  content?: unknown;
}

/** Local records that differ from the copy agreed at the last sync, and records deleted here since (among those in scope). */
function pendingWrites(state: SyncState, local: Map<string, LocalRecord>, scope: ChangeScope): PendingWrite[] {
  const writes: PendingWrite[] = [];
  for (const [key, record] of local) {
    const known = state.records[key];
    if (known && unchanged(known, record)) continue;
    writes.push({ kind: record.kind, id: record.id, base: known?.v ?? 0, content: record.content });
  }
  for (const [key, known] of Object.entries(state.records)) {
    if (local.has(key) || known.base === null) continue;
    const [kind, ...id] = key.split('/');
    if (!scope.all && !GLOBAL_KINDS.includes(kind as RecordKind)) {
      const docId = docOfRecord(state, kind as RecordKind, id.join('/'), null);
      if (!docId || !scope.docs.has(docId)) continue;
    }
    writes.push({ kind: kind as RecordKind, id: id.join('/'), base: known.v, deleted: true });
  }
  // Documents before what belongs to them, so the server knows the document a note names.
  const order: RecordKind[] = ['document', 'labels', 'collection', 'search', 'entity', 'note', 'annotation'];
  return writes.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
}

/** Uploads the files of new or new-version documents that the server lacks; answers how many. */
async function uploadFiles(archive: Archive, client: TeamClient, docs: DocumentContent[], onProgress: (done: number, total: number) => void): Promise<number> {
  if (!docs.length) return 0;
  const wanted = [...new Set(docs.flatMap((d) => Object.values(d.blobs)))];
  const missing = new Set<string>();
  for (let i = 0; i < wanted.length; i += 10_000) for (const sha of await client.missingBlobs(wanted.slice(i, i + 10_000))) missing.add(sha);
  let done = 0;
  const total = missing.size;
  const needed = docs.filter((doc) => Object.values(doc.blobs).some((sha) => missing.has(sha)));
  await runLimited(needed, 8, async (doc) => {
    const files = await documentFiles(archive, doc);
    for (const [sha, bytes] of files) {
      if (!missing.has(sha)) continue;
      missing.delete(sha); // two documents with one file: it is sent once
      await client.putBlob(sha, bytes);
      onProgress(++done, total);
    }
  });
  return done;
}

/**
 * Brings server records into the archive. Unchanged here since the last sync: the server's
 * record is taken. Changed here too: merged field by field, the later value kept and the
 * other listed as a conflict; the merge is pushed afterwards (its base is the server's version).
 */
async function merge(
  archive: Archive,
  client: TeamClient,
  state: SyncState,
  local: Map<string, LocalRecord>,
  remote: RemoteRecord[],
  summary: SyncSummary,
  changed: Set<string>,
  onApplied: (done: number) => void,
): Promise<void> {
  const toApply: Incoming[] = [];
  const now = new Date().toISOString();
  for (const record of remote) {
    const key = keyOf(record.kind, record.id);
    const known = state.records[key];
    // Our own push coming back (or one already merged): nothing new there.
    if (known && record.version <= known.v) continue;
    const mine = local.get(key);
    // A layer's author is the user who owns it on the server, where the record does not name one.
    let content = record.content;
    if (record.kind === 'annotation' && content && typeof content === 'object' && !(content as { author?: string }).author) content = { ...content, author: record.owner };
    // Never trusted as sent: a record this archive could not hold is left out, and said.
    const checked = record.deleted ? null : checkIncoming(record.kind, record.id, content);
    if (checked && !checked.ok) {
      summary.rejected.push({ kind: record.kind, id: record.id, reason: checked.reason });
      continue;
    }
    if (checked) content = checked.content;
    if (record.deleted) {
      if (mine && (!known || !unchanged(known, mine))) {
        // Deleted there, edited (or restored from the trash) here: the work here is kept and pushed as the record again.
        setKnown(state, key, agreed(record.version, null, record.owner));
      } else {
        if (mine) toApply.push({ kind: record.kind, id: record.id, content: null });
        dropKnown(state, key);
      }
      continue;
    }
    const unchangedHere = !mine || !known || unchanged(known, mine);
    if (!mine && known && known.base !== null) {
      // Deleted here, changed there: the server's edit wins over the delete, nothing is lost.
      toApply.push({ kind: record.kind, id: record.id, content });
    } else if (mine && !same(mine.content, content)) {
      if (unchangedHere && known) toApply.push({ kind: record.kind, id: record.id, content });
      else {
        const merged = mergeRecord(known?.base, mine.content, content);
        if (!same(merged.value, mine.content)) toApply.push({ kind: record.kind, id: record.id, content: merged.value });
        const title = titleOf(record.kind, record.id, merged.value);
        for (const conflict of merged.conflicts) {
          state.conflicts.push({ ...conflict, id: randomUUID(), kind: record.kind, recordId: record.id, title, at: now } satisfies SyncConflict);
          summary.conflicts++;
        }
      }
    } else if (!mine) toApply.push({ kind: record.kind, id: record.id, content });
    setKnown(state, key, agreed(record.version, content, record.owner));
  }
  let done = 0;
  const docOf = (annotationId: string) => (state.records[keyOf('annotation', annotationId)]?.base as { docId?: string } | null)?.docId ?? (local.get(keyOf('annotation', annotationId))?.content as { docId?: string } | undefined)?.docId;
  const touched = await applyIncoming(archive, client, toApply, docOf, () => onApplied(++done));
  for (const id of touched) changed.add(id);
}

export async function listConflicts(archiveDir: string): Promise<SyncConflict[]> {
  return (await loadState(archiveDir)).conflicts;
}

/**
 * Settles a conflict: keep what the archive has (the later value), or take the other one, which
 * then goes to the server with the next sync. A note's other version comes back whole.
 */
export async function resolveConflict(archive: Archive, id: string, pick: 'kept' | 'other'): Promise<SyncConflict> {
  const dir = archive.layout.root;
  const state = await loadState(dir);
  const conflict = state.conflicts.find((c) => c.id === id);
  if (!conflict) throw new SyncError(404, `No sync conflict ${id} (marginalia sync conflicts lists them).`);
  if (pick === 'other') {
    const docId = docOfRecord(state, conflict.kind, conflict.recordId, null);
    const local = (await readLocalRecords(archive, { all: false, docs: new Set(docId ? [docId] : []) })).get(keyOf(conflict.kind, conflict.recordId));
    if (local) {
      const content = setPath(local.content, conflict.path, conflict.other);
      const client = new TeamClient(state.server ?? 'http://127.0.0.1');
      await applyIncoming(archive, client, [{ kind: conflict.kind, id: conflict.recordId, content }], () => undefined, () => undefined);
    }
  }
  state.conflicts = state.conflicts.filter((c) => c.id !== id);
  await saveState(dir, state);
  return conflict;
}

/** What the archive's sync state says (the team service adds whether a sync is under way and why the last one stopped). */
export type SyncStatus = Omit<TeamStatus, 'running' | 'lastError'>;

export async function syncStatus(archiveDir: string): Promise<SyncStatus> {
  const state = await loadState(archiveDir);
  return {
    server: state.server ?? null,
    user: state.user ?? null,
    role: state.role ?? null,
    signedIn: !!state.token,
    lastSync: state.lastSync ?? null,
    cursor: state.cursor,
    conflicts: state.conflicts.length,
    intervalMinutes: state.intervalMinutes ?? 0,
  };
}

export async function setSyncInterval(archiveDir: string, minutes: number): Promise<void> {
  const state = await loadState(archiveDir);
  state.intervalMinutes = minutes;
  await saveState(archiveDir, state);
}
