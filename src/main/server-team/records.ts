import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { User } from './auth';
import { readBlobFile, writeBlobFile } from './blob-files';
import { transaction, type Pool } from './db';
import type { TeamRecord } from '../../shared/model/team';
import { DOC_KINDS, TeamError, writableKinds, type RecordKind } from './roles';

/** One record as sync carries it (shared with the desktop's client). */
export type SyncRecord = TeamRecord;

export interface Write {
  kind: RecordKind;
  id: string;
  /** the version the client's change was based on; 0 for a record new to the server */
  base: number;
  deleted?: boolean;
  content?: unknown;
}

export interface PushResult {
  applied: { kind: RecordKind; id: string; version: number }[];
  /** writes refused because the record changed since their base: the server's current record, to merge with */
  conflicts: SyncRecord[];
  /** writes this user may not make, with the reason */
  refused: { kind: RecordKind; id: string; reason: string }[];
}

/** Any number for pg_advisory_xact_lock: every push holds it while it takes versions and commits. */
const PUSH_LOCK = 0x7379_6e63;

/**
 * The SQL condition "user may see the document r.doc_id": reviewers and admins see all; an
 * annotator sees documents in none of the projects, or in one of theirs. $1 is the user's name.
 */
const DOC_OPEN = `(NOT EXISTS (SELECT 1 FROM doc_projects dp WHERE dp.doc_id = r.doc_id)
  OR EXISTS (SELECT 1 FROM doc_projects dp JOIN user_projects up ON up.project = dp.project WHERE dp.doc_id = r.doc_id AND up.user_name = $1))`;

/** The SQL condition "r.doc_id is in a project of user $1 whose settings share layers". */
const LAYERS_SHARED = `EXISTS (SELECT 1 FROM doc_projects dp JOIN projects p ON p.name = dp.project AND p.share_layers
  JOIN user_projects up ON up.project = dp.project AND up.user_name = $1 WHERE dp.doc_id = r.doc_id)`;

function visible(user: User): string {
  // ($1 is named either way: PostgreSQL refuses a parameter whose type it cannot tell)
  if (user.role !== 'annotator') return '($1::text IS NOT NULL)';
  // An annotator's layer is their own: others' annotations are sent only on documents of a
  // project of theirs that shares layers (read-only to them: push refuses changes to another's).
  return `(r.kind NOT IN ('document', 'note', 'annotation') OR (${DOC_OPEN} AND (r.kind <> 'annotation' OR r.owner = $1 OR ${LAYERS_SHARED})))`;
}

/** What changed since `since` that this user may see, oldest first; `cursor` is where the next pull starts. */
export async function changesSince(pool: Pool, user: User, since: number, limit: number): Promise<{ changes: SyncRecord[]; cursor: number; more: boolean }> {
  return transaction(pool, async (db) => {
    // One snapshot for both queries: the cursor can not pass a change the first one did not see.
    await db.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    const { rows } = await db.query<{ kind: RecordKind; id: string; version: string; deleted: boolean; content: unknown; owner: string }>(
      `SELECT r.kind, r.id, r.version, r.deleted, r.content, r.owner FROM records r
        WHERE r.version > $2 AND ${visible(user)} ORDER BY r.version LIMIT $3`,
      [user.name, since, limit + 1],
    );
    const more = rows.length > limit;
    const changes = rows.slice(0, limit).map((r) => ({ kind: r.kind, id: r.id, version: Number(r.version), deleted: r.deleted, content: r.content, owner: r.owner }));
    let cursor = changes.length ? changes[changes.length - 1]!.version : since;
    if (!more) {
      const { rows: top } = await db.query<{ v: string | null }>('SELECT max(version) AS v FROM records');
      cursor = Math.max(cursor, Number(top[0]!.v ?? 0));
    }
    return { changes, cursor, more };
  });
}

/** The document a record belongs to (documents: themselves; notes: their id is the document's; annotations: their docId). */
function docIdOf(write: Write, current: { doc_id: string | null } | undefined): string | null {
  if (write.kind === 'document' || write.kind === 'note') return write.id;
  if (write.kind !== 'annotation') return null;
  const docId = (write.content as { docId?: unknown } | undefined)?.docId;
  return typeof docId === 'string' ? docId : (current?.doc_id ?? null);
}

async function docOpen(db: pg.PoolClient, user: User, docId: string): Promise<boolean> {
  if (user.role !== 'annotator') return true;
  const { rows } = await db.query(`SELECT 1 FROM (SELECT $2::text AS doc_id) r WHERE ${DOC_OPEN}`, [user.name, docId]);
  return rows.length > 0;
}

/**
 * Applies a batch of writes in one transaction. A write whose base is not the record's current
 * version is not applied: the current record comes back as a conflict for the client to merge
 * and push again. Every applied write gets the next library-wide version and an audit line.
 */
export async function push(pool: Pool, user: User, writes: Write[]): Promise<PushResult> {
  const allowed = writableKinds(user.role);
  return transaction(pool, async (db) => {
    await db.query('SELECT pg_advisory_xact_lock($1)', [PUSH_LOCK]);
    const result: PushResult = { applied: [], conflicts: [], refused: [] };
    for (const write of writes) {
      const refuse = (reason: string) => result.refused.push({ kind: write.kind, id: write.id, reason });
      if (!allowed.includes(write.kind)) {
        refuse(`a ${user.role} may not change ${write.kind} records`);
        continue;
      }
      const { rows } = await db.query<{ version: string; deleted: boolean; content: unknown; owner: string; doc_id: string | null }>(
        'SELECT version, deleted, content, owner, doc_id FROM records WHERE kind = $1 AND id = $2 FOR UPDATE',
        [write.kind, write.id],
      );
      const current = rows[0];
      const docId = docIdOf(write, current);
      if (DOC_KINDS.includes(write.kind) && (!docId || !(await docOpen(db, user, docId)))) {
        refuse('the document is not open to you (another project)');
        continue;
      }
      // (entities are the shared registry: any annotator may name and correct them)
      if (user.role === 'annotator' && write.kind === 'annotation' && current && current.owner !== user.name) {
        refuse(`an annotator changes only their own annotations; this one is ${current.owner}'s`);
        continue;
      }
      if ((current ? Number(current.version) : 0) !== write.base) {
        if (current) result.conflicts.push({ kind: write.kind, id: write.id, version: Number(current.version), deleted: current.deleted, content: current.content, owner: current.owner });
        else refuse(`the record ${write.kind}/${write.id} does not exist on the server (base ${write.base})`);
        continue;
      }
      if (write.kind === 'document' && !write.deleted) {
        const missing = await missingBlobs(db, documentBlobs(write.content));
        if (missing.length) {
          refuse(`its files are not uploaded yet (${missing.join(', ')})`);
          continue;
        }
      }
      const deleted = write.deleted === true;
      // The record and its audit line in one statement: one round trip per write.
      const { rows: written } = await db.query<{ version: string }>(
        `WITH written AS (
           INSERT INTO records (kind, id, version, deleted, content, doc_id, owner, updated_by, updated_at)
           VALUES ($1, $2, nextval('record_version'), $3, $4, $5, $6, $6, now())
           ON CONFLICT (kind, id) DO UPDATE SET version = EXCLUDED.version, deleted = $3, content = $4, doc_id = $5, updated_by = $6, updated_at = now()
           RETURNING version)
         INSERT INTO audit (user_name, action, target, version) SELECT $6, $7, $8, version FROM written RETURNING version`,
        [write.kind, write.id, deleted, deleted ? null : JSON.stringify(write.content ?? null), docId, user.name, deleted ? 'delete' : current ? 'update' : 'create', `${write.kind}/${write.id}`],
      );
      const version = Number(written[0]!.version);
      result.applied.push({ kind: write.kind, id: write.id, version });
    }
    return result;
  });
}

/** The blobs a document record names: its original file, its text and its blocks. */
export function documentBlobs(content: unknown): string[] {
  const blobs = (content as { blobs?: Record<string, unknown> } | undefined)?.blobs ?? {};
  return Object.values(blobs).filter((v): v is string => typeof v === 'string');
}

async function missingBlobs(db: pg.PoolClient | Pool, shas: string[]): Promise<string[]> {
  if (!shas.length) return [];
  const { rows } = await db.query<{ sha256: string }>('SELECT sha256 FROM blobs WHERE sha256 = ANY($1)', [shas]);
  const present = new Set(rows.map((r) => r.sha256));
  return shas.filter((s) => !present.has(s));
}

export const SHA256 = /^[0-9a-f]{64}$/;

/** Which of these blobs the server lacks (the client uploads only those). */
export function blobsMissing(pool: Pool, shas: string[]): Promise<string[]> {
  return missingBlobs(pool, shas.filter((s) => SHA256.test(s)));
}

/**
 * Stores a blob under its SHA-256, checked: bytes that do not hash to the name are refused. Storing one twice is a no-op.
 * With a files folder the bytes go there first (durably), then the row that names them, so no row names a missing file.
 */
export async function putBlob(pool: Pool, user: User, sha256: string, bytes: Buffer, files?: string): Promise<void> {
  if (writableKinds(user.role).indexOf('document') < 0) throw new TeamError(403, `A ${user.role} may not upload document files.`);
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== sha256) throw new TeamError(400, `The bytes sent hash to ${actual}, not ${sha256}.`);
  if (files) await writeBlobFile(files, sha256, bytes);
  await transaction(pool, async (db) => {
    const { rowCount } = await db.query('INSERT INTO blobs (sha256, size, bytes) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [sha256, bytes.length, files ? null : bytes]);
    if (rowCount) await db.query('INSERT INTO audit (user_name, action, target) VALUES ($1, $2, $3)', [user.name, 'blob', sha256]);
  });
}

/** A blob's bytes, if this user may see a document that names it. */
export async function getBlob(pool: Pool, user: User, sha256: string, files?: string): Promise<Buffer> {
  if (!SHA256.test(sha256)) throw new TeamError(400, 'A blob is named by its SHA-256 (64 hex digits).');
  const { rows: docs } = await pool.query(
    `SELECT 1 FROM records r WHERE r.kind = 'document' AND NOT r.deleted
        AND (r.content->'blobs'->>'original' = $2 OR r.content->'blobs'->>'text' = $2 OR r.content->'blobs'->>'blocks' = $2)
        AND ${visible(user)} LIMIT 1`,
    [user.name, sha256],
  );
  if (!docs.length) throw new TeamError(404, `No file ${sha256} that you may read.`);
  const { rows } = await pool.query<{ bytes: Buffer | null; size: string }>('SELECT bytes, size FROM blobs WHERE sha256 = $1', [sha256]);
  if (!rows[0]) throw new TeamError(404, `No file ${sha256} on the server.`);
  return rows[0].bytes ?? readBlobFile(files, sha256, Number(rows[0].size));
}

/**
 * Puts a document in a project (or in none: null). Its records get new versions, so the
 * annotators who now see it find it in their next pull.
 */
export async function assignProject(pool: Pool, by: string, docId: string, project: string | null): Promise<void> {
  await transaction(pool, async (db) => {
    await db.query('SELECT pg_advisory_xact_lock($1)', [PUSH_LOCK]);
    if (project) await db.query('INSERT INTO doc_projects (doc_id, project) VALUES ($1, $2) ON CONFLICT (doc_id) DO UPDATE SET project = $2', [docId, project]);
    else await db.query('DELETE FROM doc_projects WHERE doc_id = $1', [docId]);
    await db.query("UPDATE records SET version = nextval('record_version') WHERE doc_id = $1", [docId]);
    await db.query('INSERT INTO audit (user_name, action, target) VALUES ($1, $2, $3)', [by, 'document.project', `${docId} → ${project ?? '(none)'}`]);
  });
}

/**
 * Turns a project's layer sharing on or off. Its documents' annotations get new versions, so
 * annotators whose cursor already passed a teammate's annotation still receive it on their next
 * pull. (Turning it off stops sending them; copies already on a desktop stay there, read-only.)
 */
export async function setShareLayers(pool: Pool, by: string, project: string, on: boolean): Promise<void> {
  await transaction(pool, async (db) => {
    await db.query('SELECT pg_advisory_xact_lock($1)', [PUSH_LOCK]);
    await db.query('INSERT INTO projects (name, share_layers) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET share_layers = $2', [project, on]);
    if (on) {
      await db.query(
        "UPDATE records SET version = nextval('record_version') WHERE kind = 'annotation' AND doc_id IN (SELECT doc_id FROM doc_projects WHERE project = $1)",
        [project],
      );
    }
    await db.query('INSERT INTO audit (user_name, action, target) VALUES ($1, $2, $3)', [by, 'project.share_layers', `${project}: ${on ? 'on' : 'off'}`]);
  });
}

export async function setUserProjects(pool: Pool, by: string, name: string, projects: string[]): Promise<void> {
  await transaction(pool, async (db) => {
    const { rowCount } = await db.query('SELECT 1 FROM users WHERE name = $1', [name]);
    if (!rowCount) throw new TeamError(404, `No user named ${name}.`);
    await db.query('DELETE FROM user_projects WHERE user_name = $1', [name]);
    for (const project of projects) await db.query('INSERT INTO user_projects (user_name, project) VALUES ($1, $2)', [name, project]);
    await db.query('INSERT INTO audit (user_name, action, target) VALUES ($1, $2, $3)', [by, 'user.projects', `${name}: ${projects.join(', ')}`]);
  });
}

export async function auditLog(pool: Pool, limit: number): Promise<{ user: string; action: string; target: string; version: number | null; at: string }[]> {
  const { rows } = await pool.query<{ user_name: string; action: string; target: string; version: string | null; at: Date }>('SELECT user_name, action, target, version, at FROM audit ORDER BY id DESC LIMIT $1', [limit]);
  return rows.map((r) => ({ user: r.user_name, action: r.action, target: r.target, version: r.version === null ? null : Number(r.version), at: r.at.toISOString() }));
}
