import pg from 'pg';
import initial from './migrations/0001-initial';
import blobFiles from './migrations/0002-blob-files';
import shareLayers from './migrations/0003-share-layers';

/** Versioned schema migrations, applied in order; each runs once per database, in its own transaction. */
export const MIGRATIONS: readonly { version: number; sql: string }[] = [
  { version: 1, sql: initial },
  { version: 2, sql: blobFiles },
  { version: 3, sql: shareLayers },
];

/** Any number for pg_advisory_lock, the same in every server process. */
const MIGRATE_LOCK = 0x6d61_7267;

export type Pool = pg.Pool;

export function openPool(connectionString: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString, max });
  // An idle client losing its connection (the database restarted) must not end the process.
  pool.on('error', () => undefined);
  return pool;
}

/**
 * Brings the database to the newest schema. Several server processes may start at once on one
 * database: an advisory lock lets one migrate while the others wait, then find nothing to do.
 */
export async function migrate(pool: pg.Pool): Promise<number[]> {
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATE_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const done = new Set(rows.map((r) => r.version));
    for (const migration of MIGRATIONS) {
      if (done.has(migration.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [migration.version]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`Schema migration ${migration.version} failed: ${(error as Error).message}`, { cause: error });
      }
      applied.push(migration.version);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATE_LOCK]).catch(() => undefined);
    client.release();
  }
  return applied;
}

/** Runs `work` in one transaction on one client; rolled back if it throws. */
export async function transaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
